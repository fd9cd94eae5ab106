package io.taleforge.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.taleforge.testing.ModelAnswers;
import io.taleforge.testing.OpenAiStream;

/**
 * Issue 18's figure: with a fake OpenAI streaming the 20-scene answer at about
 * {@code bench.tokensPerSecond} (50) tokens a second, the time from the "Write my story" click to
 * the first scene's text in the browser's scene editor and to the 20th. Not a test (e2e's profile
 * {@code bench}): it starts WireMock speaking the Chat Completions stream ({@link OpenAiStream}, the
 * story of {@link ModelAnswers}), the private {@link Stack} with story-service's OpenAI writer
 * pointed at it, and Chromium; then, for each scene length of {@code bench.sentences}, a reader goes
 * through the quiz {@code bench.runs} times (the first run meets cold JVMs), each run's figures
 * printed; one screenshot is taken mid-writing in the first run.
 */
public final class WritingBenchmark {

    private static final int TOKENS_PER_SECOND = Integer.getInteger("bench.tokensPerSecond", 50);
    private static final int RUNS = Integer.getInteger("bench.runs", 2);
    /** Sentences a scene (the fixture's one; 3 is what the writer's prompt asks, 2-4), one series of runs for each. */
    private static final String SENTENCES = System.getProperty("bench.sentences", "1,3");
    private static final Path SHOTS = Path.of(System.getProperty("e2e.screenshots", "target/screenshots"));
    private static final String TITLE = "Pip and the Lantern";
    private static final Map<String, String> ANSWERS = Map.of("hero_species", "mouse", "hero_name", "Pip",
            "hero_trait", "brave", "setting", "enchanted_forest", "rejection", "too_small", "discovery", "object",
            "discovery_object", "lantern", "antagonist", "crow_king", "style", "watercolor", "ending", "triumphant");

    /**
     * In the page, on the browser's clock: when "Write my story" is clicked (epoch ms), then the first
     * animation frame whose editor holds scene 1's text, and scene 20's (ms after the click).
     */
    private static final String CLOCK = """
            (() => {
              const figure = window.taleforgeFigure = {};
              document.addEventListener('click', (e) => {
                const button = e.target.closest && e.target.closest('button');
                if (!button || figure.clicked !== undefined || button.textContent.trim() !== 'Write my story') return;
                const start = performance.now();
                figure.clicked = performance.timeOrigin + start;
                const watch = () => {
                  for (const n of [1, 20]) {
                    const area = document.getElementById('scene-' + n);
                    if (area && area.value && figure['scene' + n] === undefined) figure['scene' + n] = performance.now() - start;
                  }
                  if (figure.scene20 === undefined) requestAnimationFrame(watch);
                };
                requestAnimationFrame(watch);
              }, true);
            })();
            """;

    /** One run: ms from the click to the writer's request at the fake, to scene 1 and to scene 20 in the browser. */
    record Figure(long toRequest, long toFirst, long toLast) {
    }

    /** What one run asks the fake to answer: scenes of {@code sentences} sentences, texts unique to the run. */
    record Run(int number, int sentences) {

        String tag() {
            return "bench-" + number;
        }

        String content() {
            return ModelAnswers.story(TITLE, 20, tag(), sentences);
        }

        String text(int scene) {
            return ModelAnswers.text(scene, tag(), sentences);
        }
    }

    private WritingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(SHOTS);
        WireMockServer fake = new WireMockServer(options().dynamicPort().notifier(new ConsoleNotifier(false)));
        fake.start();
        try (Stack stack = new Stack().writingWithOpenAi(fake.baseUrl() + "/v1")) {
            stack.start();
            try (Chromium chromium = Chromium.launch()) {
                int number = 0;
                for (String sentences : SENTENCES.split(",")) {
                    for (int i = 0; i < RUNS; i++) {
                        measure(stack, chromium.browser, fake, new Run(++number, Integer.parseInt(sentences.strip())));
                    }
                }
            }
        } finally {
            fake.stop();
        }
        System.exit(0); // Playwright's and WireMock's threads would keep the JVM up
    }

    private static void measure(Stack stack, Browser browser, WireMockServer fake, Run run) throws IOException {
        OpenAiStream answer = OpenAiStream.streamed(run.content());
        fake.resetAll();
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(answer.dribbled(TOKENS_PER_SECOND)));
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.setDefaultTimeout(180_000);
            page.addInitScript(CLOCK);
            page.navigate(stack.gateway() + "/");
            page.getByText("Start a new story").click();
            QuizSteps.answerAll(page, ANSWERS);
            page.getByText(QuizSteps.SUBMIT).click();
            page.locator("#scene-10").waitFor();
            if (run.number() == 1) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("bench-writing-desktop.png"))
                        .setFullPage(true));
            }
            page.waitForFunction("() => window.taleforgeFigure.scene20 !== undefined");
            String id = page.url().replaceAll(".*#/story/", "");
            JsonNode clock = Reader.JSON.readTree(page.evaluate("JSON.stringify(window.taleforgeFigure)").toString());
            long asked = fake.getAllServeEvents().stream().mapToLong(e -> e.getRequest().getLoggedDate().getTime())
                    .min().orElseThrow(); // the first try's request
            Figure figure = new Figure(asked - clock.path("clicked").asLong(), clock.path("scene1").asLong(),
                    clock.path("scene20").asLong());
            allWrittenByTheFake(page, stack.gateway() + "/api/stories/" + id, run);
            print(run, answer, figure);
        }
    }

    /** The figure counts only if the 20 scenes in the story are the fake's, none a placeholder. */
    private static void allWrittenByTheFake(Page page, String url, Run run) {
        JsonNode state = Awaitility.await("the story written").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Reader.JSON.readTree(page.request().get(url).text()),
                        s -> !s.at("/story/status").asText().equals("WRITING"));
        int written = 0;
        for (JsonNode scene : state.path("scenes")) {
            int n = scene.path("number").asInt();
            if (n >= 1 && !scene.path("placeholder").asBoolean() && scene.path("text").asText().equals(run.text(n))) {
                written++;
            }
        }
        if (written != 20) {
            throw new IllegalStateException("only " + written + " of 20 scenes are the fake model's: " + state);
        }
    }

    private static void print(Run run, OpenAiStream answer, Figure figure) {
        System.out.printf("writing benchmark run %d (%d sentence(s) a scene): %d tokens streamed at %d/s (%.1f s); "
                + "submit -> the writer's request at the fake %d ms; -> scene 1 in the browser %d ms (the fake "
                + "completes it %d ms after the request); -> scene 20 in the browser %d ms (the fake completes it "
                + "%d ms after the request)%n", run.number(), run.sentences(), answer.tokens(), TOKENS_PER_SECOND,
                answer.tokens() / (double) TOKENS_PER_SECOND, figure.toRequest(), figure.toFirst(), sentAt(run, 1),
                figure.toLast(), sentAt(run, 20));
    }

    /** About when the fake has sent scene {@code n} and the brace closing it: 4 characters a token. */
    private static long sentAt(Run run, int n) {
        String content = run.content();
        String text = run.text(n);
        int end = content.indexOf(text) + text.length() + 2;
        return (long) Math.ceil(end / 4.0) * 1000 / TOKENS_PER_SECOND;
    }
}
