package io.taleforge.film.provider.kling;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.film.provider.Picture;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.testing.RealInfraResource;

/** Kling against a WireMock fake that answers with Kling's real bodies (create, query, errors). */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class KlingClipProviderTest {

    static final String BASE = "/v1/videos/image2video";
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3 };
    static final byte[] MP4 = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' };

    @Inject
    KlingClipProvider kling;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockResource.server();
        wm.resetAll();
    }

    static String created(String taskId) {
        return """
                {"code":0,"message":"Success","request_id":"req_abc123xyz789",
                 "data":{"task_id":"%s","task_info":{"external_task_id":"x"},"task_status":"submitted",
                         "created_at":1722769557708,"updated_at":1722769557708}}""".formatted(taskId);
    }

    static String processing(String taskId) {
        return """
                {"code":0,"message":"Success","request_id":"req_1",
                 "data":{"task_id":"%s","task_status":"processing","task_status_msg":null,"task_result":null,
                         "created_at":1722769557708,"updated_at":1722769567708}}""".formatted(taskId);
    }

    static String succeed(String taskId, String url) {
        return """
                {"code":0,"message":"Success","request_id":"req_ghi456jkl012",
                 "data":{"task_id":"%s","task_status":"succeed","task_status_msg":"Task completed successfully",
                  "task_info":{"external_task_id":"x"},
                  "task_result":{"videos":[{"id":"video_ghi789mno456","url":"%s","duration":"5"}]},
                  "final_unit_deduction":"1","created_at":1722769557708,"updated_at":1722769618345}}"""
                .formatted(taskId, url);
    }

    static String error(int code, String message) {
        return "{\"code\":%d,\"message\":\"%s\",\"request_id\":\"%s\"}".formatted(code, message, UUID.randomUUID());
    }

    ClipRequest request(String publicUrl) {
        return new ClipRequest(UUID.randomUUID(), 7, 1, new Picture(publicUrl, PNG, "image/png"), "the fox smiles");
    }

    @Test
    void createProcessingTwiceThenSucceedAndTheVideoIsDownloadedAtOnce() throws Exception {
        wm.stubFor(post(BASE).willReturn(okJson(created("task_1"))));
        wm.stubFor(get(BASE + "/task_1").inScenario("t1").whenScenarioStateIs(STARTED)
                .willReturn(okJson(processing("task_1"))).willSetStateTo("p2"));
        wm.stubFor(get(BASE + "/task_1").inScenario("t1").whenScenarioStateIs("p2")
                .willReturn(okJson(processing("task_1"))).willSetStateTo("done"));
        wm.stubFor(get(BASE + "/task_1").inScenario("t1").whenScenarioStateIs("done")
                .willReturn(okJson(succeed("task_1", WireMockResource.cdn("/kling/output.mp4")))));
        wm.stubFor(get("/kling/output.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(MP4)));

        assertEquals("task_1", kling.create(request(null)));
        assertEquals(ClipTask.Phase.RUNNING, kling.poll("task_1").phase());
        assertEquals(ClipTask.Phase.RUNNING, kling.poll("task_1").phase());
        ClipTask done = kling.poll("task_1");
        assertEquals(ClipTask.Phase.SUCCEEDED, done.phase());
        assertEquals(0, BigDecimal.ONE.compareTo(done.units()), "final_unit_deduction: the units billed");
        assertArrayEquals(MP4, kling.fetch(done).bytes());

        LoggedRequest create = wm.findAll(postRequestedFor(urlEqualTo(BASE))).get(0);
        assertTrue(create.getBodyAsString().contains("\"image\":\"" + java.util.Base64.getEncoder().encodeToString(PNG)
                + "\""), "the picture goes as raw base64: " + create.getBodyAsString());
        assertFalse(create.getBodyAsString().contains("data:image"), "no data URL prefix for Kling");
        assertTrue(create.getBodyAsString().contains("\"duration\":\"5\""), "duration is a string");
        assertTrue(create.getBodyAsString().contains("\"model_name\":\"kling-v2-1\""));
    }

    @Test
    void theBearerIsAnHs256JwtWithTheAccessKeyAsIssuerThirtyMinutesAndNotBeforeFiveSecondsBack() {
        wm.stubFor(post(BASE).willReturn(okJson(created("task_jwt"))));
        kling.create(request("https://res.cloudinary.com/demo/scene07.png"));
        LoggedRequest create = wm.findAll(postRequestedFor(urlEqualTo(BASE))).get(0);
        String auth = create.getHeader("Authorization");
        assertTrue(auth.startsWith("Bearer "), auth);
        String token = auth.substring("Bearer ".length());
        assertEquals(3, token.split("\\.").length, "a three-part JWT");
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256("test-kling-secret-NOT-REAL"))
                .withIssuer("test-kling-access-NOT-REAL").build().verify(token);
        assertEquals("HS256", jwt.getAlgorithm());
        assertEquals("JWT", jwt.getType());
        long lifetime = Duration.between(jwt.getNotBeforeAsInstant(), jwt.getExpiresAtAsInstant()).toSeconds();
        assertEquals(1800 + 5, lifetime, "exp = now + 30 min, nbf = now - 5 s");
        assertTrue(create.getBodyAsString().contains("\"image\":\"https://res.cloudinary.com/demo/scene07.png\""),
                "a public picture goes as its URL");
    }

    @Test
    void aFailureInsideA200BodyFailsTheTaskWithItsReason() {
        wm.stubFor(get(BASE + "/task_f").willReturn(okJson("""
                {"code":0,"message":"Success","request_id":"req_2",
                 "data":{"task_id":"task_f","task_status":"failed","task_status_msg":"Content moderation review failed.",
                         "task_result":null,"created_at":1722769557708,"updated_at":1722769567708}}""")));
        ClipTask task = kling.poll("task_f");
        assertEquals(ClipTask.Phase.FAILED, task.phase());
        assertEquals("Content moderation review failed.", task.reason());
    }

    @Test
    void theAccountsConcurrencyLimit1303IsAWaitNeverAFailure() {
        wm.stubFor(post(BASE).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(error(1303, "parallel task over resource pack limit"))));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> kling.create(request(null)));
        assertEquals("account_busy", e.code());
        assertTrue(e.getMessage().contains("parallel task over resource pack limit"), e.getMessage());
    }

    @Test
    void anExpiredTokenIsRenewedOnceThenTheKeyIsRejected() {
        wm.stubFor(post(BASE).inScenario("exp").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(error(1004, "Authorization is expired"))).willSetStateTo("renewed"));
        wm.stubFor(post(BASE).inScenario("exp").whenScenarioStateIs("renewed")
                .willReturn(okJson(created("task_renewed"))));
        assertEquals("task_renewed", kling.create(request(null)));
        wm.verify(2, postRequestedFor(urlEqualTo(BASE)).withHeader("Authorization", matching("Bearer .+\\..+\\..+")));

        wm.resetAll();
        wm.stubFor(post(BASE).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(error(1004, "Authorization is expired"))));
        KeyRejectedException e = assertThrows(KeyRejectedException.class, () -> kling.create(request(null)));
        assertTrue(e.getMessage().contains("1004"), e.getMessage());
        wm.verify(2, postRequestedFor(urlEqualTo(BASE)));
    }

    @Test
    void aContentRefusalFailsWithContentPolicy() {
        wm.stubFor(post(BASE).withRequestBody(matchingJsonPath("$.prompt", equalTo("the fox smiles")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(error(1301, "Failure to pass the risk control system"))));
        ContentPolicyException e = assertThrows(ContentPolicyException.class, () -> kling.create(request(null)));
        assertEquals("content_policy", e.code());
        assertFalse(e.getMessage().contains("NOT-REAL"), "no key in the reason");
    }

    @Test
    void anExpiredDownloadLinkIsQueriedAfreshOnceThenFailsWithTheReason() throws Exception {
        wm.stubFor(get("/kling/old.mp4").willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(BASE + "/task_x").willReturn(okJson(succeed("task_x", WireMockResource.cdn("/kling/new.mp4")))));
        wm.stubFor(get("/kling/new.mp4").willReturn(aResponse().withBody(MP4)));
        ClipTask stale = ClipTask.succeeded("task_x", "succeed", WireMockResource.cdn("/kling/old.mp4"));
        assertArrayEquals(MP4, kling.fetch(stale).bytes());
        wm.verify(1, getRequestedFor(urlEqualTo(BASE + "/task_x")));

        wm.stubFor(get("/kling/new.mp4").willReturn(aResponse().withStatus(404)));
        RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> kling.fetch(stale));
        assertEquals("download_expired", e.code());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void aTaskWhoseCreateAnswerWasLostIsFoundByOurExternalIdAndAnUnknownOneIsNone() {
        ClipRequest lost = request(null);
        ClipRequest fresh = request(null);
        wm.stubFor(get(BASE + "?external_task_id=" + lost.externalId()).willReturn(okJson(processing("task_lost"))));
        wm.stubFor(get(BASE + "?external_task_id=" + fresh.externalId()).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error(1203, "task not found"))));

        assertEquals(java.util.Optional.of("task_lost"), kling.existing(lost));
        assertEquals(java.util.Optional.empty(), kling.existing(fresh));
        wm.verify(1, getRequestedFor(urlEqualTo(BASE + "?external_task_id=" + lost.externalId()))
                .withHeader("Authorization", matching("Bearer .+")));
        wm.verify(0, postRequestedFor(urlEqualTo(BASE)));
    }
}
