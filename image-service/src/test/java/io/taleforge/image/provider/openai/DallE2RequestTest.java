package io.taleforge.image.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageProviders;
import io.taleforge.image.provider.ImageRequest;
import io.taleforge.image.support.DallE2Profile;
import io.taleforge.image.support.WireMockResource;

/**
 * The request body follows dall-e-2's row of the model table, checked on the wire: a 3,800-character
 * prompt arrives cut to at most 1,000 characters at a sentence end, no quality and no
 * response_format are sent, and its URL answer is downloaded.
 */
@QuarkusTest
@TestProfile(DallE2Profile.class)
class DallE2RequestTest {

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 };

    @Inject
    ImageProviders providers;

    @Test
    void aLongPromptArrivesCutAtASentenceEndWithinDallE2sLimit() throws Exception {
        WireMockServer wm = WireMockResource.server();
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/img-dalle2.png")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(PNG)));
        wm.stubFor(post("/v1/images/generations").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"created":1713833628,"data":[{"url":"https://127.0.0.1:%d/img-dalle2.png?sig=abc"}]}"""
                        .formatted(wm.httpsPort()))));
        StringBuilder prompt = new StringBuilder();
        for (int i = 1; prompt.length() < 3800; i++) {
            prompt.append("Scene ").append(i).append(": Rufus the small red fox crosses the meadow at dawn,")
                    .append(" with the lighthouse far behind him. ");
        }
        String story = prompt.toString().strip();
        assertEquals(3800, story.length(), 100);

        GeneratedImage image = providers.selected().generate(new ImageRequest("00000000-0000-0000-0000-000000000001",
                1, 1, story, "storybook watercolour", "1024x1024"));

        assertArrayEquals(PNG, image.bytes(), "the URL answer was downloaded");
        assertEquals("dall-e-2", image.model());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/images/generations"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("dall-e-2")))
                .withRequestBody(matchingJsonPath("$.size", equalTo("1024x1024")))
                .withRequestBody(matchingJsonPath("$.quality", absent()))
                .withRequestBody(matchingJsonPath("$.response_format", absent())));
        List<LoggedRequest> calls = wm.findAll(postRequestedFor(urlPathEqualTo("/v1/images/generations")));
        JsonNode body = new ObjectMapper().readTree(calls.get(0).getBodyAsString());
        String sent = body.get("prompt").asText();
        assertTrue(sent.length() <= 1000 && sent.length() > 900, sent.length() + " characters sent");
        assertTrue(sent.endsWith("behind him."), "cut at a sentence end: …" + sent.substring(sent.length() - 30));
        assertTrue(story.startsWith(sent), "the start of the prompt, unchanged");
    }
}
