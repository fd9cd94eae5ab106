package io.taleforge.image.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.redaction.Redactor;

/** OpenAI's error answers (recorded shapes) mapped to the provider port. */
class OpenAiErrorsTest {

    final Redactor redactor = new Redactor();

    ProviderException map(int status, Map<String, List<String>> headers, String body) {
        return OpenAiErrors.map(new ProviderHttpException(status, headers, body), redactor::redact);
    }

    @Test
    void a429CarriesRetryAfterElseTheRequestsReset() {
        String body = """
                {"error":{"message":"Rate limit reached for gpt-image-1 in organization org-abc on requests per min (RPM): Limit 5, Used 5, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
        RateLimitedException withRetryAfter = assertInstanceOf(RateLimitedException.class, map(429,
                Map.of("retry-after", List.of("7"), "x-ratelimit-reset-requests", List.of("6m0s")), body));
        assertEquals(Duration.ofSeconds(7), withRetryAfter.retryAfter().orElseThrow());
        RateLimitedException withReset = assertInstanceOf(RateLimitedException.class, map(429,
                Map.of("x-ratelimit-limit-requests", List.of("5"), "x-ratelimit-remaining-requests", List.of("0"),
                        "x-ratelimit-reset-requests", List.of("6m0s")), body));
        assertEquals(Duration.ofMinutes(6), withReset.retryAfter().orElseThrow());
        assertTrue(withReset.getMessage().contains("rate_limit_exceeded"), withReset.getMessage());
    }

    @Test
    void goDurationsAsOpenAiWritesThem() {
        assertEquals(Duration.ofMinutes(6), OpenAiErrors.goDuration("6m0s"));
        assertEquals(Duration.ofSeconds(1), OpenAiErrors.goDuration("1s"));
        assertEquals(Duration.ofMillis(250), OpenAiErrors.goDuration("250ms"));
        assertEquals(Duration.ofMillis(90_500), OpenAiErrors.goDuration("1m30.5s"));
        assertEquals(Duration.ofMillis(3_723_000), OpenAiErrors.goDuration("1h2m3s"));
        assertNull(OpenAiErrors.goDuration("soon"));
        assertNull(OpenAiErrors.goDuration("5x"));
        assertEquals(Duration.ofMillis(1500), OpenAiErrors.retryAfterHeader("1.5"));
        assertNull(OpenAiErrors.retryAfterHeader("later"));
    }

    @Test
    void contentPolicyRefusalsOfBothModels() {
        String dalle = """
                {"error":{"code":"content_policy_violation","message":"Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.","param":null,"type":"invalid_request_error"}}""";
        String gptImage = """
                {"error":{"message":"Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_123.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"}}""";
        ContentPolicyException a = assertInstanceOf(ContentPolicyException.class, map(400, Map.of(), dalle));
        assertTrue(a.getMessage().contains("safety system"), a.getMessage());
        assertInstanceOf(ContentPolicyException.class, map(400, Map.of(), gptImage));
    }

    @Test
    void azureContentFilterIsARefusalWithItsCategories() {
        String azure = """
                {"error":{"code":"content_filter","message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766","param":"prompt","type":null,"status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"}}}}}""";
        ContentPolicyException e = assertInstanceOf(ContentPolicyException.class, map(400, Map.of(), azure));
        assertTrue(e.getMessage().contains("[content_filter] The response was filtered"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(filtered: violence medium)"), e.getMessage());
        String innerOnly = """
                {"error":{"code":null,"message":"Your request was rejected as a result of our safety system.","innererror":{"code":"ResponsibleAIPolicyViolation"}}}""";
        assertInstanceOf(ContentPolicyException.class, map(400, Map.of(), innerOnly));
    }

    @Test
    void aRejectedKeyIsRedactedInTheMessage() {
        redactor.register("sk-test-LEAKCHECK-0123456789abcdef");
        String body = """
                {"error":{"message":"Incorrect API key provided: sk-test-LEAKCHECK-0123456789abcdef. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";
        KeyRejectedException e = assertInstanceOf(KeyRejectedException.class, map(401, Map.of(), body));
        assertTrue(e.getMessage().contains("invalid_api_key"), e.getMessage());
        assertFalse(e.getMessage().contains("LEAKCHECK"), e.getMessage());
        assertInstanceOf(KeyRejectedException.class, map(403, Map.of(), "{\"error\":{\"message\":\"Your organization must be verified\",\"code\":null}}"));
        assertInstanceOf(KeyRejectedException.class, map(429, Map.of(),
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
    }

    @Test
    void serverErrorsAreTransientAndBadRequestsAreNot() {
        for (int status : new int[] { 500, 502, 503, 408 }) {
            assertInstanceOf(TransientProviderException.class, map(status, Map.of(),
                    "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}"));
        }
        assertInstanceOf(TransientProviderException.class, map(502, Map.of(), "<html>Bad gateway</html>"));
        RequestRejectedException bad = assertInstanceOf(RequestRejectedException.class, map(400, Map.of(),
                "{\"error\":{\"code\":\"invalid_value\",\"message\":\"Invalid value: '999x999'. Supported values are: '1024x1024'\",\"param\":\"size\",\"type\":\"invalid_request_error\"}}"));
        assertEquals("provider_rejected_request", bad.code());
    }

    @Test
    void sizeAndContentTypeRules() {
        ImageModels table = ImageModels.load(java.util.Optional.empty());
        assertEquals("1536x1024", table.find("gpt-image-2").orElseThrow().size(null, "1536x1024"));
        assertEquals("1024x1024", table.find("dall-e-2").orElseThrow().size(null, "1536x1024"));
        assertEquals("512x512", table.find("dall-e-2").orElseThrow().size("512x512", "1024x1024"));
        assertEquals("image/png", OpenAiImageProvider.contentType(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 },
                "application/octet-stream"));
        assertEquals("image/jpeg", OpenAiImageProvider.contentType(new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, 0 },
                null));
        assertEquals("image/webp", OpenAiImageProvider.contentType("RIFF0000WEBPVP8 ".getBytes(), null));
    }
}
