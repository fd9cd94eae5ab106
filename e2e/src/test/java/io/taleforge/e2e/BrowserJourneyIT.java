package io.taleforge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.taleforge.e2e.QuizSteps.choose;
import static io.taleforge.e2e.QuizSteps.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.RequestOptions;

/**
 * The web UI in a real browser (Debian's Chromium, driven by Playwright) against the whole private
 * stack: the reader's journey from the quiz to "Story complete", the board finishing by
 * polling when the live stream cannot be held, the earlier attempts with the reader's note, the
 * storybook (every page turned with the keyboard, phone width, print), and the film: the button,
 * the progress (clips, narrations, assembly) and the strip filling live, then the film playing with
 * its subtitles shown (a cue active while it plays), the downloads, a clip playing in place.
 * Screenshots of every step land in {@code e2e/target/screenshots/}.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyIT {

    private static final double LONG = 180_000;
    static final Path SHOTS = Path.of(System.getProperty("e2e.screenshots", "target/screenshots"));

    private static Stack stack;
    private static Chromium chromium;
    private static Browser browser;

    @BeforeAll
    static void start(Stack shared) throws IOException, InterruptedException {
        Files.createDirectories(SHOTS);
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        stack = shared;
        chromium = Chromium.launch();
        browser = chromium.browser;
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void aReaderGoesFromTheQuizToACompleteStory() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(stack.gateway() + "/");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                    new Page.GetByRoleOptions().setName("Your stories"))).isVisible();
            shot(page, "01-home-empty");

            page.getByText("Start a new story").click();
            choose(page, "hero_species", "fox");
            page.locator("#q-hero_name").fill("Ru\u0007sty"); // a control character: only the API refuses it
            next(page);
            choose(page, "hero_trait", "brave");
            choose(page, "setting", "enchanted_forest");
            choose(page, "rejection", "too_small");
            page.locator("label.choice:has(input[value=object])").click();
            next(page);
            // The branch: the object follow-up appears, the power one does not.
            assertThat(page.locator("input[name=discovery_object]").first()).isAttached();
            assertEquals(0, page.locator("input[name=discovery_power]").count());
            shot(page, "02-quiz-branch");
            choose(page, "discovery_object", "lantern");
            choose(page, "antagonist", "crow_king");
            choose(page, "style", "watercolor");
            choose(page, "ending", "triumphant");
            page.locator("#q-wish").fill("a picnic under the stars");
            page.getByText("Write my story").click();

            // The API's validation message is shown at its field, on that question.
            Locator error = page.locator("#err-hero_name");
            assertThat(error).containsText("control characters");
            assertThat(page.locator("#q-hero_name")).isVisible();
            shot(page, "03-quiz-api-error");
            page.locator("#q-hero_name").fill("Rusty");
            while (page.getByText("Write my story").count() == 0) {
                next(page);
            }
            long submitted = System.nanoTime();
            page.getByText("Write my story").click();

            // The scene editor opens at once and fills as the writer writes (template writer paced at
            // e2e's writer.scene-pace a scene): scene 2 is edited while later scenes are still being written.
            page.waitForURL(Pattern.compile(".*#/story/[0-9a-f-]{36}"));
            String storyId = page.url().replaceAll(".*#/story/", "");
            assertThat(page.locator("#scene-1")).isVisible();
            long firstScene = System.nanoTime();
            assertThat(page.locator("#stop-writing")).isVisible();
            assertTrue(page.locator("textarea").count() < 20, "scenes arrive one by one");
            assertThat(page.locator("#writing-progress")).containsText("Writing");
            String early = "Rusty hid behind the hedge and listened to the laughter fade.";
            page.locator("#scene-2").fill(early);
            page.locator("#scene-2").blur();
            assertThat(page.locator("#save-2")).hasText("Saved");
            assertTrue(page.locator(".scene-waiting").count() > 0, "scene 2 saved while later scenes are being written");
            assertTrue(page.locator("button:has-text('Approve scenes')").isDisabled(), "no approval before all 20");
            shot(page, "04a-scenes-arriving-desktop");
            page.setViewportSize(390, 844);
            shot(page, "04b-scenes-arriving-phone");
            page.setViewportSize(1280, 900);
            assertThat(page.locator("textarea")).hasCount(20);
            long lastScene = System.nanoTime();
            System.out.printf("submit to first scene in the browser: %d ms, to the 20th: %d ms%n",
                    (firstScene - submitted) / 1_000_000, (lastScene - submitted) / 1_000_000);
            assertThat(page.locator("button:has-text('Approve scenes')")).isEnabled();
            assertThat(page.locator("#stop-writing")).isHidden();
            assertEquals(early, page.locator("#scene-2").inputValue(), "the edit survives the later scenes");
            assertTrue(page.locator("section.stage").count() >= 6, "scenes grouped by stage");
            String edited = "Rusty kept the lantern under his coat and told nobody, not even the moon.";
            page.locator("#scene-3").fill(edited);
            page.locator("#scene-3").blur();
            assertThat(page.locator("#save-3")).hasText("Saved");
            JsonNode state = json(page, "/api/stories/" + storyId);
            assertEquals(early, state.at("/scenes/1/text").asText());
            assertEquals(edited, state.at("/scenes/2/text").asText());
            shot(page, "04-scene-editor");

            // Approve: the hero's portrait comes first, "Meet Rusty"; the scene tiles wait for it.
            page.getByText("Approve scenes").click();
            assertThat(page.locator(".tile")).hasCount(21);
            assertThat(page.locator("#banner")).containsText("Live");
            Locator portrait = page.locator(".tile").first();
            assertThat(portrait).hasAttribute("data-scene", "0");
            assertThat(portrait).containsText("Meet Rusty");
            Locator scene1 = page.locator(".tile[data-scene='1']");
            assertThat(scene1).containsText("Waits for Rusty's portrait");
            assertThat(portrait).hasAttribute("data-state", "ready", attr(LONG));
            Locator rejectPortrait = page.getByText("Reject portrait", new Page.GetByTextOptions().setExact(true));
            rejectPortrait.waitFor(new Locator.WaitForOptions().setTimeout(LONG));
            shot(page, "05a-portrait-meet-desktop");
            page.setViewportSize(390, 844);
            assertTrue(portrait.boundingBox().width >= page.locator(".tiles").boundingBox().width - 1,
                    "at phone width the portrait takes a full row");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("05b-portrait-meet-phone.png")));
            page.setViewportSize(1280, 900);

            // Rejected with a note, the portrait is drawn again; the scenes still wait.
            rejectPortrait.click();
            page.locator("#feedback-0").fill("A bigger green scarf");
            page.getByText("Reject and redraw").click();
            assertThat(portrait).containsText("Attempt 2", text(LONG));
            assertThat(portrait).hasAttribute("data-state", "ready", attr(LONG));
            assertThat(scene1).containsText("Waits for Rusty's portrait");
            assertEquals(0, page.locator(".tile[data-state=ready]:not([data-scene='0'])").count(),
                    "no scene is drawn before the portrait is approved");
            page.getByText("Approve portrait", new Page.GetByTextOptions().setExact(true))
                    .click(new Locator.ClickOptions().setTimeout(LONG));
            assertThat(portrait).hasAttribute("data-state", "approved");
            shot(page, "05c-portrait-approved");

            // Approved, the portrait is every scene's reference: the board fills live.
            page.locator(".tile[data-state=ready]").first().waitFor();
            shot(page, "05-board-filling");
            assertThat(page.locator(".tile[data-state=ready]")).hasCount(20, count(LONG));
            shot(page, "06-board-ready");

            // Reject one with feedback: a new attempt arrives and becomes ready.
            page.getByText("Reject scene 5").click();
            page.locator("#feedback-5").fill("Make the lantern glow green");
            shot(page, "07-reject-feedback");
            page.getByText("Reject and redraw").click();
            Locator tile5 = page.locator(".tile[data-scene='5']");
            assertThat(tile5).containsText("Attempt 2", text(LONG));
            assertThat(tile5).hasAttribute("data-state", "ready", attr(LONG));

            assertThat(tile5.locator("details.earlier")).containsText("Earlier attempts (1)");
            tile5.locator("details.earlier summary").click();
            assertThat(tile5.locator("details.earlier li").first()).containsText("Make the lantern glow green");
            shot(page, "07b-earlier-attempt-with-note");
            for (int n = 1; n <= 3; n++) {
                page.getByText("Approve scene " + n, new Page.GetByTextOptions().setExact(true)).click();
                assertThat(page.locator(".tile[data-scene='" + n + "']")).hasAttribute("data-state", "approved");
            }
            // the other 17 at once
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Approve all").setExact(true)).click();
            assertThat(page.locator(".tile[data-state=approved]")).hasCount(21, count(LONG));
            assertThat(page.getByText("Story complete")).isVisible(visible(LONG));
            shot(page, "08-story-complete");
            assertTrue(json(page, "/api/stories/" + storyId).path("allApproved").asBoolean());

            assertThat(page.locator(".complete a.read-book")).isVisible();

            // Reloading restores the board from the API (the earlier attempt's note from approval-service's
            // history); the story is listed under "my stories".
            page.reload();
            assertThat(page.locator(".tile[data-state=approved]")).hasCount(21);
            page.locator(".tile[data-scene='5'] details.earlier summary").click();
            assertThat(page.locator(".tile[data-scene='5'] details.earlier li").first())
                    .containsText("your note: “Make the lantern glow green”");
            page.navigate(stack.gateway() + "/#/");
            assertThat(page.locator(".story-row")).hasCount(1);
            assertThat(page.locator(".story-row")).containsText("Complete"); // not "Pictures in progress"
            shot(page, "09-my-stories");

            readTheBook(page, storyId, edited);
        }
    }

    /** From "my stories" into the storybook: every page turned with the keyboard, then at phone width and in print. */
    private static void readTheBook(Page page, String storyId, String editedSceneThree) {
        page.locator(".story-row a.read-book").click();
        page.waitForURL("**/stories/" + storyId + "/book**");
        Locator current = page.locator(".page.current");
        assertThat(current.locator("h1")).hasText(json(page, "/api/stories/" + storyId).at("/story/title").asText());
        assertThat(current.locator(".hero")).containsText("The story of Rusty, a brave");
        assertThat(current.locator(".reader-choices")).containsText("Rusty");
        shot(page, "22-book-title-page");
        for (int n = 1; n <= 20; n++) {
            page.keyboard().press("ArrowRight");
            assertThat(current).hasAttribute("data-scene", String.valueOf(n));
            assertThat(current.locator("img")).isVisible();
            if (n == 3) {
                assertThat(current.locator(".text")).hasText(editedSceneThree); // the reader's edit, not the writer's
                shot(page, "23-book-scene-3");
            }
        }
        assertEquals("20", page.evaluate("document.body.dataset.page"));
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Next page"))).isDisabled();
        shot(page, "24-book-last-scene");
        page.keyboard().press("ArrowLeft");
        assertThat(current).hasAttribute("data-scene", "19");

        page.setViewportSize(390, 844);
        assertThat(current.locator("img")).isVisible();
        StoryBookChecks.nothingWiderThanThePhone(page);
        assertTrue(current.locator("img").boundingBox().width <= 390);
        StoryBookChecks.onOneLine(page.locator(".turns .where"), "Scene 19 of 20");
        shot(page, "25-book-phone-width");
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(page.locator(".page:visible")).hasCount(21); // one scene per printed page
        assertThat(page.locator(".turns")).isHidden();
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
        page.setViewportSize(1280, 900);
        StoryBookChecks.swipeTurnsPages(browser, page, SHOTS.resolve("26-book-swiped-phone.png"));
    }

    @Test
    @Order(2)
    void theBoardCompletesByPollingWhenTheStreamIsCut() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            // The event stream never connects: every attempt is cut.
            page.route("**/events**", route -> route.abort());
            page.navigate(stack.gateway() + "/");
            // The page's own first API call issues the reader cookie; wait for it before ours.
            assertThat(page.getByText("Start a new story")).isVisible();
            String id = createStory(page, Map.of(
                    "hero_species", "owl", "hero_name", "Hoot", "hero_trait", "clever", "setting", "snowy_mountains",
                    "rejection", "clumsy", "discovery", "power", "discovery_power", "light",
                    "antagonist", "storm_spirit", "style", "storybook", "ending", "heartwarming"));
            post(page, "/api/stories/" + id + "/approve-scenes", null);
            approvePortrait(page, id);

            page.navigate(stack.gateway() + "/#/story/" + id);
            assertThat(page.locator("#banner")).containsText("refreshes every", text(30_000));
            assertEquals("polling", page.evaluate("document.body.dataset.updates"));
            assertThat(page.locator(".tile[data-state=ready]")).hasCount(20, count(LONG));
            shot(page, "10-polling-phone-width");
            for (int n = 1; n <= 20; n++) {
                page.getByText("Approve scene " + n, new Page.GetByTextOptions().setExact(true)).click();
                approvedOnTheBoard(page, n);
            }
            assertThat(page.getByText("Story complete")).isVisible(visible(LONG));
            shot(page, "11-polling-complete");
        }
    }

    @Test
    @Order(3)
    void aReadyPublishedBetweenTheSnapshotAndTheStreamReachesTheTile() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            // the board reads its snapshot, then waits for the test before it opens the stream
            context.addInitScript("window.taleforgeBeforeStream = () => new Promise((open) => { window.taleforgeOpenStream = open; });");
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(stack.gateway() + "/");
            assertThat(page.getByText("Start a new story")).isVisible();
            String id = storyWithTwentyReady(page, "fox", "Ember");

            page.navigate(stack.gateway() + "/#/story/" + id);
            Locator tile3 = page.locator(".tile[data-scene='3']");
            assertThat(tile3).hasAttribute("data-state", "ready");
            assertThat(tile3).containsText("Attempt 1");
            org.awaitility.Awaitility.await("scene 3 pending").atMost(java.time.Duration.ofMinutes(1))
                    .until(() -> json(page, "/api/stories/" + id).at("/scenes/3/approval/state").asText().equals("PENDING"));
            // in the gap: scene 3 is rejected and its attempt 2 becomes READY, while the board listens to nothing
            post(page, "/api/stories/" + id + "/scenes/3/approval", Map.of("action", "reject", "feedback", "brighter"));
            org.awaitility.Awaitility.await("attempt 2 of scene 3 READY").atMost(java.time.Duration.ofMinutes(3))
                    .until(() -> json(page, "/api/stories/" + id).at("/scenes/3/image"),
                            image -> image.path("attempt").asInt() == 2 && image.path("status").asText().equals("READY"));
            assertThat(tile3).containsText("Attempt 1");
            shot(page, "12-gap-before-stream");

            page.evaluate("window.taleforgeOpenStream()");
            assertThat(tile3).containsText("Attempt 2", text(60_000));
            assertThat(tile3).hasAttribute("data-state", "ready", attr(60_000));
            assertEquals("live", page.evaluate("document.body.dataset.updates"));
            shot(page, "13-gap-event-reached-the-tile");
        }
    }

    @Test
    @Order(4)
    void retryAllFailedRedrawsEveryPictureTheStoreLost() throws IOException {
        Path media = stack.dir.resolve("data/media");
        Path away = stack.dir.resolve("data/media.away");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(stack.gateway() + "/");
            assertThat(page.getByText("Start a new story")).isVisible();
            String id = newStory(page, "hedgehog", "Moss");
            post(page, "/api/stories/" + id + "/approve-scenes", null);
            awaitPortrait(page, id);
            // the local store cannot write: its folder is a file
            Files.move(media, away);
            Files.writeString(media, "not a folder");
            try {
                post(page, "/api/stories/" + id + "/scenes/0/approval", Map.of("action", "approve"));
                page.navigate(stack.gateway() + "/#/story/" + id);
                assertThat(page.locator(".tile[data-state=failed]")).hasCount(20, count(LONG));
            } finally {
                Files.delete(media);
                Files.move(away, media);
            }
            Locator tile1 = page.locator(".tile[data-scene='1']");
            assertThat(tile1.locator(".reason")).containsText("could not be stored");
            assertThat(tile1.getByText(Pattern.compile("could not be stored"))).hasCount(1); // said once, not twice
            // the portrait, asked for while the store's folder was away, says so instead of a broken image
            Locator portraitPic = page.locator(".tile[data-scene='0'] .pic");
            assertThat(portraitPic).containsText("The picture could not be loaded.");
            shot(page, "14-store-failed");
            portraitPic.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Load it again")).click();
            page.waitForFunction("() => { const i = document.querySelector(\".tile[data-scene='0'] .pic img\");"
                    + " return i !== null && i.complete && i.naturalWidth > 0; }", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));

            // retried until every picture is drawn (the store's breaker may refuse the first tries)
            Locator retryAll = page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Retry all failed").setExact(true));
            org.awaitility.Awaitility.await("20 ready after Retry all failed").atMost(java.time.Duration.ofMinutes(4))
                    .pollInterval(java.time.Duration.ofSeconds(2)).until(() -> {
                        if (retryAll.isVisible()) {
                            retryAll.click();
                        }
                        return page.locator(".tile[data-state=ready]").count() == 20;
                    });
            assertThat(tile1.locator("details.earlier")).containsText("Earlier attempts");
            tile1.locator("details.earlier summary").click();
            assertThat(tile1.locator("details.earlier li").first()).containsText("could not be stored");
            shot(page, "15-retry-all-failed-ready");
        }
    }

    @Test
    @Order(5)
    void myStoriesPagesWithTheNextCursor() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(stack.gateway() + "/");
            assertThat(page.getByText("Start a new story")).isVisible();
            // all twelve asked for first, then awaited: the stack's writer takes six at a time (one
            // after the other, the test waited 12 whole writings, about 100 s)
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                ids.add(askForStory(page, answers("owl", "Hoot" + (char) ('a' + i))));
            }
            ids.forEach(id -> awaitWritten(page, id));
            page.reload();
            assertThat(page.locator(".story-row")).hasCount(10);
            shot(page, "16-my-stories-first-page");
            page.getByText("More stories").click();
            assertThat(page.locator(".story-row")).hasCount(12);
            assertThat(page.getByText("More stories")).isHidden();
            assertEquals(12, page.locator(".story-row a[href^='#/story/']").all().stream()
                    .map(a -> a.getAttribute("href")).distinct().count(), "no story listed twice");
            shot(page, "17-my-stories-second-page");
        }
    }

    static String newStory(Page page, String species, String name) {
        return createStory(page, answers(species, name));
    }

    private static Map<String, String> answers(String species, String name) {
        return Map.of(
                "hero_species", species, "hero_name", name, "hero_trait", "clever", "setting", "snowy_mountains",
                "rejection", "clumsy", "discovery", "power", "discovery_power", "light",
                "antagonist", "storm_spirit", "style", "storybook", "ending", "heartwarming");
    }

    /** A story created through the API (202, WRITING); its id once the background writer ended it. */
    private static String createStory(Page page, Map<String, String> answers) {
        String id = askForStory(page, answers);
        awaitWritten(page, id);
        return id;
    }

    /** A story asked for through the API: 202, WRITING; its id. */
    private static String askForStory(Page page, Map<String, String> answers) {
        JsonNode story = post(page, "/api/stories", Map.of("answers", answers));
        assertEquals("WRITING", story.path("status").asText(), story::toString);
        return story.path("id").asText();
    }

    /** Waits until the background writer ended the story (two are written at a time). */
    private static void awaitWritten(Page page, String id) {
        org.awaitility.Awaitility.await("story written").atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> !json(page, "/api/stories/" + id).at("/story/status").asText().equals("WRITING"));
    }

    /** Waits until the hero's portrait (picture 0, first in the state document) waits for the reader. */
    private static void awaitPortrait(Page page, String id) {
        org.awaitility.Awaitility.await("the portrait to decide on").atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> json(page, "/api/stories/" + id).at("/scenes/0/approval/state").asText().equals("PENDING"));
    }

    /** The portrait approved through the API once it waits for the reader: the 20 scenes start. */
    static void approvePortrait(Page page, String id) {
        awaitPortrait(page, id);
        post(page, "/api/stories/" + id + "/scenes/0/approval", Map.of("action", "approve"));
    }

    private static String storyWithTwentyReady(Page page, String species, String name) {
        String id = newStory(page, species, name);
        post(page, "/api/stories/" + id + "/approve-scenes", null);
        approvePortrait(page, id);
        org.awaitility.Awaitility.await("20 READY").atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> json(page, "/api/stories/" + id).at("/counts/ready").asInt() == 20);
        return id;
    }

    @Test
    @Order(6)
    void theFilmIsMadeLiveThenPlaysWithSubtitles() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(stack.gateway() + "/");
            assertThat(page.getByText("Start a new story")).isVisible();
            String id = completeStoryThroughTheApi(page);

            page.navigate(stack.gateway() + "/#/story/" + id);
            assertThat(page.getByText("Story complete")).isVisible(visible(LONG));
            Locator make = page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Make the film").setExact(true));
            assertThat(make).isVisible();
            assertThat(page.locator(".film-panel")).isHidden(); // no progress before the film is asked for
            shot(page, "18-film-button");

            long askedAt = System.nanoTime();
            make.click();
            assertThat(page.locator(".clip")).hasCount(20);
            assertThat(page.locator(".film-panel")).isVisible();
            page.locator(".clip[data-state=ready]").first().waitFor(new Locator.WaitForOptions().setTimeout(LONG));
            assertThat(page.locator(".film-row.clips .count")).hasText(Pattern.compile("\\d+/20"));
            shot(page, "19-film-in-the-making");
            assertThat(page.locator(".clip[data-state=ready]")).hasCount(20, count(LONG));
            double clips = (System.nanoTime() - askedAt) / 1e9;
            assertThat(page.locator(".clip .voice[data-state=ready]")).hasCount(20, count(LONG));
            double narrations = (System.nanoTime() - askedAt) / 1e9;
            assertThat(page.locator(".film")).hasAttribute("data-film", "READY", attr(LONG));
            double ready = (System.nanoTime() - askedAt) / 1e9;
            assertThat(page.locator(".film-panel")).isHidden();
            assertThat(page.locator(".film-intro")).isHidden();
            assertThat(page.locator(".film-retry-all")).isHidden(); // "Retry all failed (0)"

            theFilmPlaysWithSubtitles(page, id);
            shot(page, "20-film-player-desktop");
            aClipPlaysInPlace(page);
            page.setViewportSize(390, 844);
            page.locator(".film").evaluate("f => f.scrollIntoView()");
            double headerBottom = page.locator("header.top").boundingBox().y + page.locator("header.top").boundingBox().height;
            assertTrue(page.locator(".film").boundingBox().y >= headerBottom - 1,
                    "the sticky header does not cover the film's top at phone width");
            assertTrue(page.locator(".film-player video").boundingBox().width <= 390, "the player fits the phone");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("21-film-player-phone.png")));

            System.out.printf("e2e browser: Make the film -> 20 clips READY %.1f s, 20 narrations READY %.1f s,"
                    + " film READY %.1f s (local renderer: clip %s, latency %s, concurrency %s)%n", clips, narrations, ready,
                    System.getProperty("e2e.film.duration", "2s"), System.getProperty("e2e.film.latency", "1s"),
                    System.getProperty("e2e.film.concurrency", "4"));
        }
    }

    /**
     * The operations page after the journeys above (the store failures of {@link
     * #retryAllFailedRedrawsEveryPictureTheStoreLost} among them): 401 without the operator token,
     * then a failed image ("could not be stored") with its reason and stack trace, the latency chart drawn, the
     * limiter and the consumer lag; at desktop and phone width.
     */
    @Test
    @Order(7)
    void theOperationsPageShowsTheFailuresTheirReasonsAndTheCharts() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            assertEquals(401, page.navigate(stack.gateway() + "/ops").status(), "no operator token, no page");
            page.navigate(stack.gateway() + "/ops?token=" + Stack.OPS_TOKEN);
            assertTrue(page.url().endsWith("/ops"), "the token left the address: " + page.url());
            Locator failed = page.locator("#journal tbody tr", new Page.LocatorOptions().setHasText("could not be stored"));
            assertThat(failed.first()).isVisible();
            assertThat(failed.first().locator("td.FAILED")).hasText("FAILED");
            assertThat(failed.first().locator("td.reason")).hasText(Pattern.compile("\\S"));
            failed.first().getByText("Stack trace").click();
            assertThat(page.locator("pre.trace").first()).containsText("at ");
            page.waitForFunction("() => { const c = Chart.getChart('latency-chart'); "
                    + "return c && c.data.datasets.some(d => d.data.some(v => v !== null)); }");
            assertThat(page.locator("#totals tbody tr", new Page.LocatorOptions().setHasText("image-generation"))
                    .first()).isVisible();
            assertThat(page.locator("#limiter tbody tr").first()).containsText("/ ");
            assertThat(page.locator("#lag tbody")).containsText("image-workers");
            shot(page, "30-ops-desktop");
            page.setViewportSize(390, 844);
            page.waitForFunction("() => Chart.getChart('latency-chart').width <= 390");
            StoryBookChecks.nothingWiderThanThePhone(page);
            Locator journal = page.locator("#journal").locator("xpath=..");
            assertTrue(journal.boundingBox().x + journal.boundingBox().width <= 390, "the journal's box fits the phone");
            assertEquals("auto", journal.evaluate("s => getComputedStyle(s).overflowX"), "the journal scrolls sideways");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("31-ops-phone.png")));
            shot(page, "31b-ops-phone-full");
        }
    }

    /** The player: subtitles showing by default, a cue active while it plays (muted), MP4 and SRT downloads. */
    /**
     * The reader's money (the stack prices a picture at $0.04 and caps a story at $1.08): the estimate
     * on "Approve scenes", "Spent so far", the spend in "My stories", a redraw refused at the cap.
     */
    @Test
    @Order(8)
    void theReadersMoneyShowsBeforeAndAfterAndARedrawPastTheCapIsRefused() {
        MoneyChecks.run(browser, stack, page -> newStory(page, "rabbit", "Penny"),
                BrowserJourneyIT::approvePortrait, BrowserJourneyIT::shot);
    }

    private static void theFilmPlaysWithSubtitles(Page page, String id) {
        Locator video = page.locator(".film-player video");
        assertThat(video).isVisible();
        assertThat(page.locator(".film-player track[kind=subtitles]")).hasAttribute("src",
                Pattern.compile("/api/stories/" + id + "/film/subtitles\\.vtt"));
        assertThat(page.locator(".film-downloads a", new Page.LocatorOptions().setHasText("Download MP4")))
                .hasAttribute("href", Pattern.compile("/api/stories/" + id + "/film/film\\.mp4"));
        assertThat(page.locator(".film-downloads a", new Page.LocatorOptions().setHasText("SRT")))
                .hasAttribute("href", Pattern.compile("/api/stories/" + id + "/film/subtitles\\.srt"));
        video.scrollIntoViewIfNeeded();
        assertEquals("showing", video.evaluate("v => v.textTracks[0].mode"), "subtitles on by default");
        video.evaluate("v => { v.muted = true; return v.play(); }");
        page.waitForFunction("() => { const v = document.querySelector('.film-player video');"
                + " return v.currentTime > 0 && v.textTracks[0].activeCues && v.textTracks[0].activeCues.length > 0; }",
                null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        String cue = (String) video.evaluate("v => v.textTracks[0].activeCues[0].text");
        assertTrue(!cue.isBlank(), "the active cue has words");
        video.evaluate("v => v.pause()");
        assertTrue(((Number) video.evaluate("v => v.videoWidth")).intValue() > 0, "the film has frames");
        System.out.printf("e2e browser: the film plays with the cue \"%s\" shown%n", cue);
    }

    /** Part 1's promise still holds: a READY clip plays in place (the scenes fold away once the film is READY). */
    private static void aClipPlaysInPlace(Page page) {
        page.locator(".film-parts > summary").click();
        Locator clip = page.locator(".clip[data-scene='1'] video");
        clip.scrollIntoViewIfNeeded();
        clip.evaluate("v => v.play()");
        page.waitForFunction("document.querySelector(\".clip[data-scene='1'] video\").readyState >= 2", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertTrue(((Number) clip.evaluate("v => v.videoWidth")).intValue() > 0, "the clip has frames");
        page.locator(".film").evaluate("f => f.scrollIntoView()");
    }

    /** A story created, its scenes approved and its 20 pictures approved, all through the public API. */
    private static String completeStoryThroughTheApi(Page page) {
        String id = createStory(page, Map.of(
                "hero_species", "fox", "hero_name", "Ember", "hero_trait", "brave", "setting", "snowy_mountains",
                "rejection", "clumsy", "discovery", "power", "discovery_power", "light",
                "antagonist", "storm_spirit", "style", "storybook", "ending", "heartwarming"));
        post(page, "/api/stories/" + id + "/approve-scenes", null);
        approvePortrait(page, id);
        org.awaitility.Awaitility.await("20 pictures to approve").atMost(java.time.Duration.ofMinutes(8))
                .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    int pending = 0;
                    for (JsonNode scene : json(page, "/api/stories/" + id).path("scenes")) {
                        pending += scene.path("approval").path("state").asText().equals("PENDING") ? 1 : 0;
                    }
                    return pending == 20;
                });
        for (int n = 1; n <= 20; n++) {
            post(page, "/api/stories/" + id + "/scenes/" + n + "/approval", Map.of("action", "approve"));
        }
        return id;
    }

    private static JsonNode json(Page page, String path) {
        try {
            return Reader.JSON.readTree(page.request().get(stack.gateway() + path).text());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode post(Page page, String path, Object body) {
        RequestOptions options = RequestOptions.create();
        if (body != null) {
            options.setHeader("Content-Type", "application/json").setData(body);
        }
        var response = page.request().post(stack.gateway() + path, options);
        assertTrue(response.ok(), () -> path + " answered " + response.status() + ": " + response.text());
        try {
            return Reader.JSON.readTree(response.text());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A full-page capture draws the page as it stands: its sticky bars where the last click scrolled
     * them, and its lazy pictures below the fold never requested. So every picture is asked for and
     * the page goes back to its top first; pictures still loading after 10 s are named on the output
     * and the capture is taken anyway (a broken picture counts as loaded: the capture shows it).
     */
    static void shot(Page page, String name) {
        page.evaluate("() => { document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager');"
                + " window.scrollTo(0, 0); }");
        try {
            page.waitForFunction("() => Array.from(document.images).every(i => i.complete)", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            System.out.println("screenshot " + name + ": pictures still loading after 10 s: " + page.evaluate(
                    "() => Array.from(document.images).filter(i => !i.complete).map(i => i.src).join(' ')"));
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * The scene's tile says "Approved" (the board applies its own decision at once, and a poll asked
     * before the decision never puts the button back); else fails with what the board's banner says.
     */
    private static void approvedOnTheBoard(Page page, int n) {
        try {
            assertThat(page.locator(".tile[data-scene='" + n + "']")).hasAttribute("data-state", "approved", attr(30_000));
        } catch (AssertionError e) {
            throw new AssertionError("scene " + n + " is not approved on the board; its banner says: "
                    + page.locator("#banner").textContent(), e);
        }
    }

    private static LocatorAssertions.HasCountOptions count(double ms) {
        return new LocatorAssertions.HasCountOptions().setTimeout(ms);
    }

    private static LocatorAssertions.ContainsTextOptions text(double ms) {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(ms);
    }

    private static LocatorAssertions.HasAttributeOptions attr(double ms) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(ms);
    }

    private static LocatorAssertions.IsVisibleOptions visible(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }
}
