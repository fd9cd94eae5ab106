package io.taleforge.film.provider.minimax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.film.provider.Picture;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.testing.RealInfraResource;

/** MiniMax Hailuo against a WireMock fake with MiniMax's real bodies, errors in HTTP 200 included. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class MinimaxClipProviderTest {

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 4, 5, 6 };
    static final byte[] MP4 = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2' };

    @Inject
    MinimaxClipProvider minimax;

    WireMockServer wm;

    @BeforeEach
    void reset() {
        wm = WireMockResource.server();
        wm.resetAll();
    }

    static String baseResp(int code, String msg) {
        return "{\"base_resp\":{\"status_code\":%d,\"status_msg\":\"%s\"}}".formatted(code, msg);
    }

    static String query(String taskId, String status) {
        return """
                {"task_id":"%s","status":"%s","file_id":"","base_resp":{"status_code":0,"status_msg":"success"}}"""
                .formatted(taskId, status);
    }

    static String file(String fileId, String url) {
        return """
                {"file":{"file_id":%s,"bytes":0,"created_at":1769863897,"filename":"output.mp4",
                         "purpose":"video_generation","download_url":"%s"},
                 "base_resp":{"status_code":0,"status_msg":"success"}}""".formatted(fileId, url);
    }

    ClipRequest request() {
        return new ClipRequest(UUID.randomUUID(), 2, 1, new Picture(null, PNG, "image/png"), "the fox turns its head");
    }

    void stubQuery(String taskId, String... statuses) {
        String state = STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i + 1 < statuses.length ? "q" + (i + 1) : "q" + i;
            String body = "Success".equals(statuses[i])
                    ? "{\"task_id\":\"" + taskId + "\",\"status\":\"Success\",\"file_id\":\"361721749176519\","
                            + "\"video_width\":1280,\"video_height\":720,"
                            + "\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}"
                    : query(taskId, statuses[i]);
            wm.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).withQueryParam("task_id", equalTo(taskId))
                    .inScenario("q-" + taskId).whenScenarioStateIs(state).willReturn(okJson(body)).willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void createQueueingProcessingSuccessThenRetrieveAndDownload() throws Exception {
        wm.stubFor(post("/v1/video_generation").willReturn(okJson(
                "{\"task_id\":\"361720188367060\",\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}")));
        stubQuery("361720188367060", "Preparing", "Queueing", "Processing", "Success");
        wm.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).withQueryParam("file_id", equalTo("361721749176519"))
                .willReturn(okJson(file("361721749176519", WireMockResource.cdn("/minimax/output.mp4")))));
        wm.stubFor(get("/minimax/output.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(MP4)));

        assertEquals("361720188367060", minimax.create(request()));
        assertEquals("Preparing", minimax.poll("361720188367060").status());
        assertEquals("Queueing", minimax.poll("361720188367060").status());
        assertEquals(ClipTask.Phase.RUNNING, minimax.poll("361720188367060").phase());
        ClipTask done = minimax.poll("361720188367060");
        assertEquals(ClipTask.Phase.SUCCEEDED, done.phase());
        assertEquals("361721749176519", done.videoRef());
        assertArrayEquals(MP4, minimax.fetch(done).bytes());

        LoggedRequest create = wm.findAll(postRequestedFor(urlEqualTo("/v1/video_generation"))).get(0);
        assertEquals("Bearer test-minimax-key-NOT-REAL", create.getHeader("Authorization"));
        assertTrue(create.getBodyAsString().contains("\"first_frame_image\":\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(PNG) + "\""), "the picture goes as a data URL");
        assertTrue(create.getBodyAsString().contains("\"duration\":6"), create.getBodyAsString());
        assertTrue(create.getBodyAsString().contains("\"model\":\"MiniMax-Hailuo-02\""));
    }

    @Test
    void aFailedTaskCarriesItsReason() {
        wm.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).willReturn(okJson(
                "{\"task_id\":\"t9\",\"status\":\"Fail\",\"base_resp\":{\"status_code\":1027,"
                        + "\"status_msg\":\"output video sensitive\"}}")));
        ClipTask task = minimax.poll("t9");
        assertEquals(ClipTask.Phase.FAILED, task.phase());
        assertTrue(task.reason().contains("1027") && task.reason().contains("output video sensitive"), task.reason());
    }

    @Test
    void errorsInsideHttp200AreMappedByTheirStatusCode() {
        assertCreateFails(1002, "rate limit exceeded", RateLimitedException.class, "rate_limited");
        assertCreateFails(1004, "token not match group", KeyRejectedException.class, "key_rejected");
        assertCreateFails(1008, "insufficient balance", RequestRejectedException.class, "insufficient_balance");
        assertCreateFails(1026, "input new_sensitive", ContentPolicyException.class, "content_policy");
        assertCreateFails(2013, "invalid params, duration", RequestRejectedException.class, "bad_request");
    }

    @Test
    void aRateLimitAnsweredAs429WithRetryAfterIsAWait() {
        wm.stubFor(post("/v1/video_generation").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json").withBody(baseResp(1002, "rate limit"))));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> minimax.create(request()));
        assertEquals(7, e.retryAfter().orElseThrow().toSeconds());
    }

    @Test
    void anExpiredDownloadLinkIsRetrievedAfreshOnceThenFailsWithTheReason() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).inScenario("f").whenScenarioStateIs(STARTED)
                .willReturn(okJson(file("42", WireMockResource.cdn("/minimax/expired.mp4")))).willSetStateTo("fresh"));
        wm.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).inScenario("f").whenScenarioStateIs("fresh")
                .willReturn(okJson(file("42", WireMockResource.cdn("/minimax/fresh.mp4")))));
        wm.stubFor(get("/minimax/expired.mp4").willReturn(aResponse().withStatus(404)));
        wm.stubFor(get("/minimax/fresh.mp4").willReturn(aResponse().withBody(MP4)));
        ClipTask done = ClipTask.succeeded("t42", "Success", "42");
        assertArrayEquals(MP4, minimax.fetch(done).bytes());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/v1/files/retrieve")));

        wm.stubFor(get("/minimax/fresh.mp4").willReturn(aResponse().withStatus(404)));
        RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> minimax.fetch(done));
        assertEquals("download_expired", e.code());
    }

    private void assertCreateFails(int code, String msg, Class<? extends ProviderException> type, String expected) {
        wm.resetAll();
        wm.stubFor(post("/v1/video_generation").willReturn(okJson(
                "{\"task_id\":\"\",\"base_resp\":{\"status_code\":%d,\"status_msg\":\"%s\"}}".formatted(code, msg))));
        ProviderException e = assertThrows(type, () -> minimax.create(request()));
        assertEquals(expected, e.code());
        assertTrue(e.getMessage().contains(Integer.toString(code)), e.getMessage());
    }
}
