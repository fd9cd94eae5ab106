package io.taleforge.image;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.service.GenerationService;
import io.taleforge.image.support.RealProvidersProfile;
import io.taleforge.image.support.WireMockResource;
import io.taleforge.media.store.cloudinary.CloudinarySettings;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * The whole pipeline with the real OpenAI provider and Cloudinary store, through our real
 * quarkus-rest-client clients, against WireMock answering the recorded shapes of both APIs:
 * scene-approved in, image-status out, journal rows, the Redis pause, and no key anywhere.
 * Each test routes WireMock by a marker word in its prompt or its story id.
 */
@QuarkusTest
@TestProfile(RealProvidersProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealProvidersPipelineTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String GENERATIONS = "/v1/images/generations";
    static final String EDITS = "/v1/images/edits";
    static final String UPLOAD = "/v1_1/" + RealProvidersProfile.CLOUD + "/image/upload";
    /** OpenAI's 429 as it often comes: no Retry-After, no x-ratelimit-* headers. */
    static final String BARE_429 = """
            {"error":{"message":"Rate limit reached for images per minute. Please try again later.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
    /** A prompt a content policy refuses, long enough that its shortened variant is clearly shorter. */
    static final String RISKY_PROMPT = "Rufus faces the wolf, blood on the sword, a violent storm of war over the dark "
            + "forest where the wolf king waits with his army of shadows and many more words after that "
            + "to make sure the shortened prompt is shorter than this one by a good margin indeed";
    static final String DEFAULT_URL = "https://res.cloudinary.com/taleforge-test/image/upload/v1712345678/default.png";

    static KafkaProbe probe;
    static String topic;
    static final List<String> logLines = new CopyOnWriteArrayList<>();
    static final List<String> stories = new CopyOnWriteArrayList<>();
    static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringBuilder line = new StringBuilder(String.valueOf(message));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                line.append(" | ").append(t);
            }
            logLines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    static byte[] png;

    @Inject
    GenerationService generation;

    @Inject
    RedisDataSource redis;

    @Inject
    ImageConfig config;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("").addHandler(capture);
        topic = ConfigProvider.getConfig().getValue("taleforge.image.consumer.topic", String.class);
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS, Topics.dlq(topic));
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff3366);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        png = out.toByteArray();
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(capture);
        probe.close();
    }

    static WireMockServer wm() {
        return WireMockResource.server();
    }

    @BeforeEach
    void defaultStubs() {
        wm().resetAll();
        // a GPT image model's answer: base64 PNG and usage
        wm().stubFor(post(GENERATIONS).atPriority(10).willReturn(json(200, """
                {"created":1713833628,"data":[{"b64_json":"%s"}],"usage":{"total_tokens":100,"input_tokens":50,"output_tokens":50,"input_tokens_details":{"text_tokens":10,"image_tokens":40}}}"""
                .formatted(Base64.getEncoder().encodeToString(png)))));
        wm().stubFor(post(UPLOAD).atPriority(10).willReturn(json(200, upload("taleforge/default", DEFAULT_URL))));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String upload(String publicId, String secureUrl) {
        return """
                {"asset_id":"3515c6000a548515f1134043f9785c2f","public_id":"%s","version":1712345678,"version_id":"7d2cc533bee9ff39f7da7414b61fce7e","signature":"d0b1009e3271a11b7ac1b1c2e3c0aea2f5c7e4b1","width":8,"height":8,"format":"png","resource_type":"image","created_at":"2024-04-05T17:21:18Z","tags":[],"bytes":%d,"type":"upload","etag":"a1b2","placeholder":false,"url":"%s","secure_url":"%s","asset_folder":"","display_name":"scene","original_filename":"scene"}"""
                .formatted(publicId, png.length, secureUrl.replace("https://", "http://"), secureUrl);
    }

    // ---------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void gptImageAnswerIsUploadedSignedToCloudinaryAndReady() {
        String story = newStory();
        String publicId = "taleforge/" + story + "/scene-03-a1";
        String secureUrl = "https://res.cloudinary.com/taleforge-test/image/upload/v1712345678/" + publicId + ".png";
        wm().stubFor(post(UPLOAD).atPriority(1)
                .withMultipartRequestBody(aMultipart().withName("public_id").withBody(equalTo(publicId)))
                .willReturn(json(200, upload(publicId, secureUrl))));
        publish(story, 3, 1, "Rufus the small red fox looks at the lighthouse");

        ImageStatus ready = awaitStatus(story, ImageStatus.Status.READY, 1).get(0);
        assertEquals(secureUrl, ready.imageUrl(), "READY carries Cloudinary's secure_url");
        // usage 10 text + 40 image tokens in at $5/$10, 50 out at $40 per 1M: $0.00245, not the $0.07 estimate
        assertEquals(new BigDecimal("0.002450"), ready.costUsd(), "READY carries the attempt's actual cost");
        assertEquals("openai", ready.provider());
        assertEquals("gpt-image-2", ready.model(), "the default model");

        // OpenAI saw the bearer key and the documented body of the default model's row
        wm().verify(1, postRequestedFor(urlPathEqualTo(GENERATIONS))
                .withHeader("Authorization", equalTo("Bearer " + RealProvidersProfile.OPENAI_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-image-2")))
                .withRequestBody(WireMock.notContaining("response_format"))
                .withRequestBody(matchingJsonPath("$.n", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.size", equalTo("1024x1024")))
                .withRequestBody(matchingJsonPath("$.quality", equalTo("medium")))
                .withRequestBody(matchingJsonPath("$.prompt", containing("Rufus the small red fox"))));
        // Cloudinary saw a signed upload of exactly these bytes, and never the secret
        List<LoggedRequest> uploads = uploadsOf(story);
        assertEquals(1, uploads.size());
        Map<String, String> fields = fields(uploads.get(0));
        assertEquals(publicId, fields.get("public_id"));
        assertEquals("true", fields.get("overwrite"));
        assertEquals(RealProvidersProfile.CLOUDINARY_KEY, fields.get("api_key"));
        assertTrue(Math.abs(Long.parseLong(fields.get("timestamp")) - Instant.now().getEpochSecond()) < 120);
        assertEquals(CloudinarySettings.signature(Map.of("public_id", publicId, "overwrite", "true", "timestamp",
                fields.get("timestamp")), RealProvidersProfile.CLOUDINARY_SECRET), fields.get("signature"));
        assertArrayEquals(png, part(uploads.get(0), "file").getBody().asBytes());
        assertFalse(new String(uploads.get(0).getBody(), StandardCharsets.ISO_8859_1)
                .contains(RealProvidersProfile.CLOUDINARY_SECRET), "the api_secret is never sent");

        // one journal row per real call, with provider and model
        given().get("/operations?storyId=" + story + "&operation=image-generation&limit=10").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].status", org.hamcrest.Matchers.equalTo("SUCCESS"))
                .body("[0].provider", org.hamcrest.Matchers.equalTo("openai"))
                .body("[0].model", org.hamcrest.Matchers.equalTo("gpt-image-2"))
                .body("[0].estimatedCost", org.hamcrest.Matchers.equalTo(0.07f))
                .body("[0].actualCost", org.hamcrest.Matchers.equalTo(0.00245f));
        given().get("/operations?storyId=" + story + "&operation=image-upload&limit=10").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].status", org.hamcrest.Matchers.equalTo("SUCCESS"))
                .body("[0].provider", org.hamcrest.Matchers.equalTo("cloudinary"))
                .body("[0].outputSummary", org.hamcrest.Matchers.containsString(secureUrl));
        given().get("/images/" + story).then().statusCode(200)
                .body("[0].imageUrl", org.hamcrest.Matchers.equalTo(secureUrl));
    }

    @Test
    @Order(2)
    void aDallEUrlAnswerIsDownloadedThroughTheGuard() {
        String story = newStory();
        String blob = "/private/org-abc/user-xyz/img-" + story + ".png";
        wm().stubFor(get(urlPathEqualTo(blob)).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(png)));
        wm().stubFor(post(GENERATIONS).atPriority(1).withRequestBody(matchingJsonPath("$.prompt", containing("URLTEST")))
                .willReturn(json(200, """
                        {"created":1713833628,"data":[{"revised_prompt":"A small red fox in a storybook watercolour","url":"https://127.0.0.1:%d%s?st=2024-04-23T00%%3A00Z&sig=abc%%3D"}]}"""
                        .formatted(wm().httpsPort(), blob))));
        publish(story, 4, 1, "URLTEST Rufus watches the sea");

        awaitStatus(story, ImageStatus.Status.READY, 1);
        wm().verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(blob))
                .withQueryParam("sig", com.github.tomakehurst.wiremock.client.WireMock.matching("abc(=|%3D)")));
        assertArrayEquals(png, part(uploadsOf(story).get(0), "file").getBody().asBytes(),
                "the downloaded bytes are the uploaded ones");
    }

    @Test
    @Order(3)
    void a429PausesTheProviderInRedisForEveryInstanceThenSucceeds() {
        String story = newStory();
        wm().stubFor(post(GENERATIONS).atPriority(1).inScenario("429-" + story).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.prompt", containing("RATETEST")))
                .willReturn(json(429, """
                        {"error":{"message":"Rate limit reached for gpt-image-1 in organization org-abc on requests per min (RPM): Limit 5, Used 5, Requested 1. Please try again in 12s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""")
                        .withHeader("Retry-After", "2")
                        .withHeader("x-ratelimit-limit-requests", "5")
                        .withHeader("x-ratelimit-remaining-requests", "0")
                        .withHeader("x-ratelimit-reset-requests", "12s"))
                .willSetStateTo("served"));
        publish(story, 5, 1, "RATETEST Rufus waits at the gate");

        // the pause is in Redis: another instance's limiter (same keys) is refused until it ends
        String pauseKey = config.limiter().keyPrefix() + ":" + generation.account() + ":paused";
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> redis.key().pttl(pauseKey) > 0);
        RedisRateLimiter otherInstance = new RedisRateLimiter(redis, config);
        RedisRateLimiter.Decision decision = otherInstance.tryAcquire(generation.account());
        assertFalse(decision.granted(), "another instance gets no permit while the provider is paused");
        assertTrue(decision.retryIn().toMillis() > 500, "told to wait for the pause: " + decision.retryIn());

        awaitStatus(story, ImageStatus.Status.READY, 1);
        List<LoggedRequest> calls = generationsWith("RATETEST");
        assertEquals(2, calls.size());
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 1900, "second call " + gap + " ms after a 429 with Retry-After: 2");
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=failed").then()
                .statusCode(200).body("[0].errorMessage", org.hamcrest.Matchers.containsString("rate_limit_exceeded"));
    }

    /** The budget OpenAI reports on a successful answer is adopted by the shared limiter in Redis until its reset. */
    @Test
    @Order(3)
    void theRequestBudgetOfAnAnswerIsAdoptedByTheSharedLimiter() {
        String story = newStory();
        wm().stubFor(post(GENERATIONS).atPriority(1).withRequestBody(matchingJsonPath("$.prompt", containing("BUDGETTEST")))
                .willReturn(json(200, """
                        {"created":1713833628,"data":[{"b64_json":"%s"}]}""".formatted(Base64.getEncoder()
                        .encodeToString(png)))
                        .withHeader("x-ratelimit-limit-requests", "50")
                        .withHeader("x-ratelimit-remaining-requests", "37")
                        .withHeader("x-ratelimit-reset-requests", "1m12s")
                        .withHeader("x-ratelimit-limit-tokens", "100000")
                        .withHeader("x-ratelimit-remaining-tokens", "99000")
                        .withHeader("x-ratelimit-reset-tokens", "600ms")));
        publish(story, 6, 1, "BUDGETTEST Rufus counts the stars");

        awaitStatus(story, ImageStatus.Status.READY, 1);
        String allowanceKey = config.limiter().keyPrefix() + ":" + generation.account() + ":allowance";
        try {
            assertEquals("37", redis.hash(String.class).hget(allowanceKey, "remaining"), "the reported remaining requests");
            long ttl = redis.key().pttl(allowanceKey);
            assertTrue(ttl > 60_000 && ttl <= 72_000, "kept until the reported reset (1m12s): " + ttl + " ms");
            RedisRateLimiter otherInstance = new RedisRateLimiter(redis, config);
            assertTrue(otherInstance.tryAcquire(generation.account()).granted());
            assertEquals("36", redis.hash(String.class).hget(allowanceKey, "remaining"), "every instance spends it");
        } finally {
            redis.key().del(allowanceKey);
        }
    }

    @Test
    @Order(3)
    void fiveBare429sPauseEveryInstanceLongerEachTimeAndTheImageWaitsNeverFailing() {
        String story = newStory();
        String scenario = "bare429-" + story;
        for (int i = 0; i < 5; i++) {
            wm().stubFor(post(GENERATIONS).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "429-" + i)
                    .withRequestBody(matchingJsonPath("$.prompt", containing("BARE429")))
                    .willReturn(json(429, BARE_429))
                    .willSetStateTo("429-" + (i + 1)));
        }
        publish(story, 14, 1, "BARE429 Rufus waits for the ferry");

        // the growing pause is in Redis: another instance's limiter is refused while it lasts
        String pauseKey = config.limiter().keyPrefix() + ":" + generation.account() + ":paused";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> redis.key().pttl(pauseKey) > 300);
        RedisRateLimiter.Decision decision = new RedisRateLimiter(redis, config).tryAcquire(generation.account());
        assertFalse(decision.granted(), "another instance gets no permit while the account is paused: " + decision);

        awaitStatus(story, ImageStatus.Status.READY, 1);
        assertTrue(probe.on(Topics.IMAGE_STATUS).stream().noneMatch(r -> story.equals(r.key())
                && r.as(ImageStatus.class).status() == ImageStatus.Status.FAILED), "never FAILED");
        List<LoggedRequest> calls = generationsWith("BARE429");
        assertEquals(6, calls.size(), "five 429s, then the image");
        long[] floors = { 180, 380, 760, 760, 760 }; // 200, 400, 800, 800, 800 ms pauses
        for (int i = 0; i < 5; i++) {
            long gap = calls.get(i + 1).getLoggedDate().getTime() - calls.get(i).getLoggedDate().getTime();
            assertTrue(gap >= floors[i], "call " + (i + 2) + " came " + gap + " ms after a bare 429, pause "
                    + floors[i] + "+ ms");
        }
        assertFalse(redis.key().exists(config.limiter().keyPrefix() + ":" + generation.account() + ":strikes"),
                "the success forgot the repeated 429s");
    }

    @Test
    @Order(3)
    void bare429sLongerThanTheOutageLimitFailTheImageWithThatReason() {
        String story = newStory();
        wm().stubFor(post(GENERATIONS).atPriority(1).withRequestBody(matchingJsonPath("$.prompt", containing("OUTAGE429")))
                .willReturn(json(429, BARE_429)));
        long start = System.currentTimeMillis();
        publish(story, 15, 1, "OUTAGE429 Rufus waits for the ferry that never comes");

        ImageStatus failed = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("rate_limited", failed.error().code());
        assertTrue(failed.error().message().contains("longer than the outage limit of 12 s"), failed.error().message());
        assertTrue(failed.error().message().contains("rate_limit_exceeded"), failed.error().message());
        assertTrue(System.currentTimeMillis() - start >= 12_000, "it waited the outage limit out first");
        assertTrue(generationsWith("OUTAGE429").size() >= 10, "it kept asking through the outage");
    }

    @Test
    @Order(4)
    void serverErrorsAndATimeoutAreRetriedWithBackoff() {
        String story = newStory();
        String scenario = "5xx-" + story;
        String[] states = { Scenario.STARTED, "after-500", "after-503", "after-timeout" };
        wm().stubFor(post(GENERATIONS).atPriority(1).inScenario(scenario).whenScenarioStateIs(states[0])
                .withRequestBody(matchingJsonPath("$.prompt", containing("RETRYTEST")))
                .willReturn(json(500, """
                        {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}"""))
                .willSetStateTo(states[1]));
        wm().stubFor(post(GENERATIONS).atPriority(1).inScenario(scenario).whenScenarioStateIs(states[1])
                .withRequestBody(matchingJsonPath("$.prompt", containing("RETRYTEST")))
                .willReturn(json(503, """
                        {"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}"""))
                .willSetStateTo(states[2]));
        wm().stubFor(post(GENERATIONS).atPriority(1).inScenario(scenario).whenScenarioStateIs(states[2])
                .withRequestBody(matchingJsonPath("$.prompt", containing("RETRYTEST")))
                .willReturn(json(200, "{\"created\":1,\"data\":[]}").withFixedDelay(4000))
                .willSetStateTo(states[3]));
        publish(story, 6, 1, "RETRYTEST Rufus trains on the windy cliff");

        awaitStatus(story, ImageStatus.Status.READY, 1);
        assertEquals(4, generationsWith("RETRYTEST").size(), "500, 503, a timeout, then the image");
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=failed&limit=10").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(3))
                .body("errorMessage", org.hamcrest.Matchers.hasItems(
                        org.hamcrest.Matchers.containsString("OpenAI 500"),
                        org.hamcrest.Matchers.containsString("OpenAI 503"),
                        org.hamcrest.Matchers.containsString("OpenAI call failed")));
    }

    @Test
    @Order(5)
    void contentPolicyRefusalsWalkOriginalSanitizedShortenedThenFail() {
        String story = newStory();
        wm().stubFor(post(GENERATIONS).atPriority(2).withRequestBody(matchingJsonPath("$.prompt", containing("CPTEST")))
                .willReturn(json(400, """
                        {"error":{"code":"content_policy_violation","message":"Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.","param":null,"type":"invalid_request_error"}}""")));
        wm().stubFor(post(GENERATIONS).atPriority(1).withRequestBody(matchingJsonPath("$.prompt",
                containing("A gentle children's book illustration"))).willReturn(json(400, """
                        {"error":{"message":"Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_4f1e.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"}}""")));
        publish(story, 7, 1, "CPTEST " + RISKY_PROMPT);

        ImageStatus failed = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("content_policy", failed.error().code());
        assertTrue(failed.error().message().contains("safety system"), failed.error().message());
        assertWalkedTheVariants("CPTEST");
        wm().verify(0, postRequestedFor(urlPathEqualTo(UPLOAD))
                .withRequestBody(containing(story)));
    }

    @Test
    @Order(5)
    void azureContentFilterRefusalsWalkOriginalSanitizedShortenedThenFail() {
        String story = newStory();
        wm().stubFor(post(GENERATIONS).atPriority(1).withRequestBody(matchingJsonPath("$.prompt", containing("AZURECP")))
                .willReturn(json(400, """
                        {"error":{"code":"content_filter","message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766","param":"prompt","type":null,"status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"}}}}}""")));
        publish(story, 16, 1, "AZURECP " + RISKY_PROMPT);

        ImageStatus failed = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("content_policy", failed.error().code());
        assertTrue(failed.error().message().contains("[content_filter] The response was filtered"),
                failed.error().message());
        assertTrue(failed.error().message().contains("(filtered: violence medium)"), failed.error().message());
        assertWalkedTheVariants("AZURECP");
    }

    @Test
    @Order(7)
    void aSceneWithThePortraitAsReferenceIsAnEditsRequestWithThePortraitAsImagePart() throws Exception {
        String story = newStory();
        byte[] portrait = png(0x22aa44);
        String portraitPath = "/portraits/" + story + ".png";
        String portraitUrl = "https://127.0.0.1:%d%s".formatted(wm().httpsPort(), portraitPath);
        wm().stubFor(get(urlPathEqualTo(portraitPath)).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(portrait)));
        wm().stubFor(post(UPLOAD).atPriority(1).withMultipartRequestBody(aMultipart().withName("public_id")
                .withBody(equalTo("taleforge/" + story + "/scene-00-a1")))
                .willReturn(json(200, upload("taleforge/" + story + "/scene-00-a1", portraitUrl))));
        wm().stubFor(post(EDITS).atPriority(10).willReturn(json(200, """
                {"created":1713833628,"data":[{"b64_json":"%s"}],"usage":{"total_tokens":300,"input_tokens":250,"output_tokens":50}}"""
                .formatted(Base64.getEncoder().encodeToString(png)))));
        for (String refused : List.of("EDITREFUSED", "A gentle children's book illustration")) {
            wm().stubFor(post(EDITS).atPriority(1).withMultipartRequestBody(aMultipart().withName("prompt")
                    .withBody(containing(refused))).willReturn(json(400, """
                            {"error":{"message":"Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_9a1b.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"}}""")));
        }

        publish(story, 0, 1, "Character portrait of the story's hero: Rufus alone, full body");
        assertEquals(portraitUrl, awaitStatus(story, ImageStatus.Status.READY, 1).get(0).imageUrl());
        probe.send(topic, story, new SceneApproved(story, 5, 1, "EDITTEST Rufus meets the owl", "storybook watercolour",
                "1024x1024", Instant.now(), portraitUrl));
        probe.send(topic, story, new SceneApproved(story, 6, 1, "EDITREFUSED Rufus, blood on the sword, fights the"
                + " owl", "storybook watercolour", "1024x1024", Instant.now(), portraitUrl));

        awaitStatus(story, ImageStatus.Status.READY, 2);
        ImageStatus refused = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals(6, refused.sceneNumber());
        assertEquals("content_policy", refused.error().code(), "the edits' errors are read like the generations'");
        assertTrue(refused.error().message().contains("safety system"), refused.error().message());
        assertEquals(0, generationsWith("EDITTEST").size() + generationsWith("EDITREFUSED").size(),
                "a scene with a reference never goes to the generations endpoint");
        assertEquals(1, wm().findAll(postRequestedFor(urlPathEqualTo(GENERATIONS))
                .withRequestBody(containing("Rufus alone"))).size(), "the portrait itself is a generation");

        List<LoggedRequest> edits = wm().findAll(postRequestedFor(urlPathEqualTo(EDITS))
                .withHeader("Authorization", equalTo("Bearer " + RealProvidersProfile.OPENAI_KEY)));
        LoggedRequest edit = edits.stream().filter(r -> part(r, "prompt").getBody().asString().contains("EDITTEST"))
                .findFirst().orElseThrow();
        assertTrue(edit.getHeader("Content-Type").startsWith("multipart/form-data; boundary="), edit.getHeader("Content-Type"));
        Request.Part image = part(edit, "image[]");
        assertArrayEquals(portrait, image.getBody().asBytes(), "the portrait's bytes arrive as the image part");
        assertEquals("image/png", image.getHeader("Content-Type").firstValue());
        assertTrue(image.getHeader("Content-Disposition").firstValue().contains("filename=\"portrait.png\""),
                image.getHeader("Content-Disposition").firstValue());
        assertEquals("gpt-image-2", part(edit, "model").getBody().asString());
        assertEquals("1024x1024", part(edit, "size").getBody().asString());
        assertEquals("medium", part(edit, "quality").getBody().asString());
        assertEquals("1", part(edit, "n").getBody().asString());
        assertEquals(null, edit.getPart("response_format"), "gpt-image-2 takes no response_format");
        assertEquals(3, edits.stream().filter(r -> !part(r, "prompt").getBody().asString().contains("EDITTEST"))
                .count(), "the refused scene walked original, sanitized, shortened on the edits endpoint");
    }

    /** A small PNG whose pixel (3, 3) is {@code rgb}. */
    static byte[] png(int rgb) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    @Order(6)
    void cloudinaryErrorsTransientRetriedRejectedFailedWithTheReason() {
        String retried = newStory();
        String scenario = "cld-" + retried;
        wm().stubFor(post(UPLOAD).atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .withMultipartRequestBody(aMultipart().withName("public_id").withBody(containing(retried)))
                .willReturn(json(500, "{\"error\":{\"message\":\"General Error\"}}")).willSetStateTo("after-500"));
        wm().stubFor(post(UPLOAD).atPriority(1).inScenario(scenario).whenScenarioStateIs("after-500")
                .withMultipartRequestBody(aMultipart().withName("public_id").withBody(containing(retried)))
                .willReturn(json(420, "{\"error\":{\"message\":\"Rate Limit Exceeded\"}}").withHeader("Retry-After", "2"))
                .willSetStateTo("after-420"));
        publish(retried, 8, 1, "Rufus climbs the tower");
        assertEquals(DEFAULT_URL, awaitStatus(retried, ImageStatus.Status.READY, 1).get(0).imageUrl());
        List<LoggedRequest> uploads = uploadsOf(retried);
        assertEquals(3, uploads.size(), "500 and 420 are retried by the store guard");
        assertEquals(1, uploads.stream().map(r -> fields(r).get("public_id")).distinct().count(),
                "every retry overwrites the same public_id");
        long afterRateLimit = uploads.get(2).getLoggedDate().getTime() - uploads.get(1).getLoggedDate().getTime();
        assertTrue(afterRateLimit >= 1900, "the retry after Cloudinary's 420 came " + afterRateLimit
                + " ms later; its Retry-After was 2 s");
        given().get("/operations?storyId=" + retried + "&operation=image-upload&status=failed&limit=10").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(2));

        String rejected = newStory();
        wm().stubFor(post(UPLOAD).atPriority(1)
                .withMultipartRequestBody(aMultipart().withName("public_id").withBody(containing(rejected)))
                .willReturn(json(401, """
                        {"error":{"message":"Invalid Signature 0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6. String to sign - 'overwrite=true&public_id=taleforge/%s/scene-09-a1&timestamp=1712345678'. (secret %s)"}}"""
                        .formatted(rejected, RealProvidersProfile.CLOUDINARY_SECRET))));
        publish(rejected, 9, 1, "Rufus opens the gate");
        ImageStatus failed = awaitStatus(rejected, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("store_failed", failed.error().code());
        assertTrue(failed.error().message().contains("cloudinary 401: Invalid Signature"), failed.error().message());
        assertTrue(failed.error().message().contains("credentials or signature rejected"), failed.error().message());
        assertEquals(1, uploadsOf(rejected).size(), "a rejected upload is not retried");
    }

    @Test
    @Order(90)
    void aRejectedKeyFailsAtOnceAndHoldsTheProviderForEveryJob() {
        String first = newStory();
        wm().stubFor(post(GENERATIONS).atPriority(1).withRequestBody(matchingJsonPath("$.prompt", containing("KEYTEST")))
                .willReturn(json(401, """
                        {"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""
                        .formatted(RealProvidersProfile.OPENAI_KEY))));
        publish(first, 10, 1, "KEYTEST Rufus and the key");
        ImageStatus failed = awaitStatus(first, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("key_rejected", failed.error().code());
        assertTrue(failed.error().message().startsWith("provider key rejected"), failed.error().message());
        assertTrue(failed.error().message().contains("[invalid_api_key] Incorrect API key provided: [REDACTED]"),
                failed.error().message());
        assertEquals(1, generationsWith("KEYTEST").size(), "no retry of a rejected key");

        // while the key is known bad, the next job fails fast without calling the provider
        String second = newStory();
        publish(second, 11, 1, "HOLDTEST Rufus tries again");
        ImageStatus fast = awaitStatus(second, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("key_rejected", fast.error().code());
        assertTrue(fast.error().message().startsWith("provider key rejected"), fast.error().message());
        assertEquals(0, generationsWith("HOLDTEST").size(), "the provider is not called during the hold");
        given().get("/operations?storyId=" + second + "&operation=image-generation").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].status", org.hamcrest.Matchers.equalTo("SKIPPED"))
                .body("[0].step", org.hamcrest.Matchers.endsWith(":key-rejected"))
                .body("[0].errorMessage", org.hamcrest.Matchers.startsWith("provider key rejected"));

        // after the hold, the next call is a trial: with a good answer, images flow again
        await().atMost(Duration.ofSeconds(15)).until(() -> !generation.keyRejectedNow());
        String third = newStory();
        publish(third, 12, 1, "AFTERHOLD Rufus is back");
        awaitStatus(third, ImageStatus.Status.READY, 1);
        assertEquals(1, generationsWith("AFTERHOLD").size());
    }

    @Test
    @Order(100)
    void theKeyAndTheSecretAppearInNoLogJournalEventOrResponse() throws Exception {
        // one more success and one OpenAI failure whose body echoes the key, after every other path above
        String story = newStory();
        String scenario = "leak-" + story;
        wm().stubFor(post(GENERATIONS).atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.prompt", containing("LEAKTEST")))
                .willReturn(json(500, "{\"error\":{\"message\":\"internal error for key %s\",\"type\":\"server_error\"}}"
                        .formatted(RealProvidersProfile.OPENAI_KEY)))
                .willSetStateTo("served"));
        publish(story, 13, 1, "LEAKTEST Rufus keeps a secret");
        awaitStatus(story, ImageStatus.Status.READY, 1);
        wm().verify(2, postRequestedFor(urlPathEqualTo(GENERATIONS))
                .withHeader("Authorization", equalTo("Bearer " + RealProvidersProfile.OPENAI_KEY)));

        List<String> secrets = List.of(RealProvidersProfile.OPENAI_KEY, RealProvidersProfile.CLOUDINARY_SECRET,
                "0123456789abcdef", "LEAKCHECK");
        // the failure paths of this class really ran (so there was something to leak)
        assertTrue(logLines.stream().anyMatch(l -> l.contains("invalid_api_key")), "the 401 was logged");
        assertTrue(logLines.stream().anyMatch(l -> l.contains("Invalid Signature")), "the Cloudinary 401 was logged");
        for (String line : logLines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "log line leaks " + secret + ": " + line);
            }
        }
        List<String> journal = journalRows();
        assertTrue(journal.size() >= 20, "journal rows: " + journal.size());
        assertTrue(journal.stream().anyMatch(r -> r.contains("[REDACTED]")), "the echoed secrets were masked");
        for (String row : journal) {
            for (String secret : secrets) {
                assertFalse(row.contains(secret), "journal row leaks " + secret + ": " + row);
            }
        }
        List<KafkaProbe.Received> events = probe.on(Topics.IMAGE_STATUS).stream()
                .filter(r -> stories.contains(r.key())).toList();
        assertTrue(events.size() >= stories.size() * 3, "events: " + events.size());
        for (KafkaProbe.Received event : events) {
            for (String secret : secrets) {
                assertFalse(event.value().contains(secret), "image-status leaks " + secret + ": " + event.value());
                assertFalse(String.valueOf(event.headers()).contains(secret), "image-status header leaks " + secret);
            }
        }
        for (KafkaProbe.Received dead : probe.on(Topics.dlq(topic))) {
            for (String secret : secrets) {
                assertFalse(String.valueOf(dead.headers()).contains(secret), "dead letter leaks " + secret);
            }
        }
        List<String> responses = new ArrayList<>();
        for (String s : stories) {
            responses.add(given().get("/images/" + s).then().statusCode(200).extract().asString());
        }
        responses.add(given().get("/operations?limit=500").then().statusCode(200).extract().asString());
        responses.add(given().get("/operations/stats").then().statusCode(200).extract().asString());
        assertTrue(responses.stream().anyMatch(r -> r.contains("provider key rejected")));
        for (String response : responses) {
            for (String secret : secrets) {
                assertFalse(response.contains(secret), "REST response leaks " + secret + ": " + response);
            }
        }
        // and the api_secret never went to Cloudinary, in any request
        for (LoggedRequest upload : wm().findAll(postRequestedFor(urlPathEqualTo(UPLOAD)))) {
            assertFalse(new String(upload.getBody(), StandardCharsets.ISO_8859_1)
                    .contains(RealProvidersProfile.CLOUDINARY_SECRET));
            assertFalse(upload.getHeaders().toString().contains(RealProvidersProfile.CLOUDINARY_SECRET));
        }
    }

    // ---------------------------------------------------------------------------------------

    static String newStory() {
        String story = UUID.randomUUID().toString();
        stories.add(story);
        return story;
    }

    @Test
    void aSceneWithoutAPriceIsRefusedBeforeAnyCallNamingTheRateTable() {
        String story = newStory();
        probe.send(topic, story, new SceneApproved(story, 4, 1, "UNPRICED Rufus on a wide shore", "storybook watercolour",
                "1536x1024", Instant.now()));

        ImageStatus failed = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("unpriced", failed.error().code());
        assertTrue(failed.error().message().contains("rate table (file "), failed.error().message());
        assertEquals(0, generationsWith("UNPRICED").size(), "no call was made");
        given().get("/operations?storyId=" + story + "&operation=image-generation&limit=10").then().statusCode(200)
                .body("[0].status", org.hamcrest.Matchers.equalTo("SKIPPED"))
                .body("[0].errorMessage", org.hamcrest.Matchers.containsString("1536x1024"));
    }

    static void publish(String story, int scene, int attempt, String prompt) {
        probe.send(topic, story, new SceneApproved(story, scene, attempt, prompt, "storybook watercolour",
                "1024x1024", Instant.now()));
    }

    static List<ImageStatus> awaitStatus(String story, ImageStatus.Status status, int count) {
        return probe.await(Topics.IMAGE_STATUS,
                r -> story.equals(r.key()) && r.as(ImageStatus.class).status() == status, count, WAIT)
                .stream().map(r -> r.as(ImageStatus.class)).toList();
    }

    /** The provider saw the original prompt, then the sanitized one, then the shortened one, and no more. */
    static void assertWalkedTheVariants(String marker) {
        List<String> prompts = generationsWith(marker).stream().map(r -> prompt(r)).toList();
        assertEquals(3, prompts.size(), "original, sanitized, shortened: " + prompts);
        assertTrue(prompts.get(0).contains("blood on the sword"), prompts.get(0));
        assertTrue(prompts.get(1).contains("red paint on the wooden staff"), prompts.get(1));
        assertTrue(prompts.get(2).startsWith("A gentle children's book illustration:"), prompts.get(2));
    }

    static List<LoggedRequest> generationsWith(String marker) {
        return wm().findAll(postRequestedFor(urlPathEqualTo(GENERATIONS))
                .withRequestBody(matchingJsonPath("$.prompt", containing(marker))));
    }

    static List<LoggedRequest> uploadsOf(String story) {
        return wm().findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).stream()
                .filter(r -> fields(r).getOrDefault("public_id", "").contains(story)).toList();
    }

    static Map<String, String> fields(LoggedRequest request) {
        Map<String, String> fields = new TreeMap<>();
        for (Request.Part part : request.getParts()) {
            if (!part.getName().equals("file")) {
                fields.put(part.getName(), part.getBody().asString());
            }
        }
        return fields;
    }

    static Request.Part part(LoggedRequest request, String name) {
        Request.Part part = request.getPart(name);
        assertNotNull(part, "part " + name);
        return part;
    }

    static String prompt(LoggedRequest request) {
        try {
            return KafkaProbe.JSON.readTree(request.getBodyAsString()).get("prompt").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the journal table, every column, as one string per row. */
    List<String> journalRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM api_journal")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
