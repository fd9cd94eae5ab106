package io.taleforge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The reader's money in the browser, on a stack whose embedded renderer costs $0.04 a picture
 * ({@code e2e-rates.json}) and whose stories are capped at {@link #STORY_CAP}: the estimate on
 * "Approve scenes", "Spent so far" once the pictures are drawn, the spend in "My stories", and a
 * rejected picture that is not redrawn because the cap is reached, live and after a reload; and the
 * story's spend equal to the sum of the actual costs on story- and image-service's journal rows.
 */
final class MoneyChecks {

    /** Approving reserves 21 pictures ($0.84); the cap leaves room for exactly 6 redraws. */
    static final String STORY_CAP = "1.08";

    private static final int REDRAWS_THAT_FIT = 6;

    private MoneyChecks() {
    }

    /** The stack's rate table: the test resource, where the build copied it. */
    static Path rates() {
        try {
            return Path.of(MoneyChecks.class.getResource("/e2e-rates.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the reader's money through one story.
     *
     * @param stack the private stack: its gateway, and story- and image-service for their journals
     * @param newStory makes a drafted story on a page, returns its id
     * @param approvePortrait approves the portrait of story {@code id} through the API once it waits
     * @param shot a full-page screenshot under a name
     */
    static void run(Browser browser, Stack stack, java.util.function.Function<Page, String> newStory,
            BiConsumer<Page, String> approvePortrait, BiConsumer<Page, String> shot) {
        String gateway = stack.gateway();
        try (BrowserContext desktop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
                BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                        .setIsMobile(true).setHasTouch(true))) {
            Page page = desktop.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(gateway + "/");
            // the page's own first API call issues the reader cookie: the story is made after it, so
            // both are the same reader's (else the board may answer 404 for another reader's story)
            assertThat(page.getByText("Start a new story")).isVisible();
            String id = newStory.apply(page);
            String board = gateway + "/#/story/" + id;

            page.navigate(board);
            Locator approve = page.locator("button:has-text('Approve scenes')");
            assertThat(approve).containsText("est. $0.84"); // the portrait and 20 pictures at $0.04, the writer free
            shot.accept(page, "40-money-approve-estimate-desktop");
            Page small = phone(phone, desktop, board);
            assertThat(small.locator("button:has-text('Approve scenes')")).containsText("est. $0.84");
            shot.accept(small, "41-money-approve-estimate-phone");

            approve.click();
            approvePortrait.accept(page, id);
            page.reload(); // the board of the approved story
            assertThat(page.locator(".tile[data-state=ready]")).hasCount(20, new com.microsoft.playwright.assertions
                    .LocatorAssertions.HasCountOptions().setTimeout(240_000));
            page.reload();
            awaitSpent(page, "Spent so far $0.84"); // the 21 pictures settled at their cost

            rejectBeyondTheCap(page, gateway, id);
            Locator refused = page.locator(".tile[data-state=refused]");
            assertThat(refused).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                    .setTimeout(120_000)); // live, from the story's stream
            assertThat(refused.locator(".reason")).hasText(
                    "Not redrawn: the story's budget has $0.00 left, this picture needs $0.04.");
            awaitSpent(page, "Spent so far $1.08"); // the 6 redraws drawn and settled
            spendIsTheJournals(stack, id, new BigDecimal(STORY_CAP));
            assertThat(page.locator(".tile[data-state=refused] .reason")).containsText("Not redrawn"); // after a reload
            refused.scrollIntoViewIfNeeded();
            shot.accept(page, "42-money-refused-redraw-desktop");
            small.reload(); // the same address: the editor it showed becomes the board
            small.locator(".tile[data-state=refused]").scrollIntoViewIfNeeded();
            assertThat(small.locator(".tile[data-state=refused] .reason")).containsText("this picture needs $0.04");
            small.screenshot(new Page.ScreenshotOptions().setPath(BrowserJourneyIT.SHOTS.resolve(
                    "43-money-refused-redraw-phone.png")));

            page.navigate(gateway + "/");
            Locator row = page.locator(".story-row:has(a[href='#/story/" + id + "'])");
            assertThat(row.locator(".spend")).hasText("Spent $1.08 · $0.00 left");
            shot.accept(page, "44-money-my-stories-desktop");
            small.navigate(gateway + "/");
            assertThat(small.locator(".story-row:has(a[href='#/story/" + id + "']) .spend")).isVisible();
            shot.accept(small, "45-money-my-stories-phone");
        }
    }

    /**
     * The story's spend in story-service's ledger is the sum of the actual costs on the journal
     * rows of every service that called a provider for it (story-service's writer, image-service's
     * pictures), read over their {@code /operations} routes, and is {@code expected}.
     */
    static void spendIsTheJournals(Stack stack, String id, BigDecimal expected) {
        try {
            HttpResponse<String> budget = stack.service("story-service").get("/stories/" + id + "/budget");
            assertEquals(200, budget.statusCode(), budget::body);
            BigDecimal spent = Reader.JSON.readTree(budget.body()).path("spentUsd").decimalValue();
            BigDecimal journals = journalCost(stack, "story-service", id).add(journalCost(stack, "image-service", id));
            assertEquals(0, journals.compareTo(spent), "ledger " + spent + ", journals " + journals);
            assertEquals(0, expected.compareTo(spent), "spent " + spent);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("a ledger or journal could not be read", e);
        }
    }

    private static BigDecimal journalCost(Stack stack, String service, String id)
            throws IOException, InterruptedException {
        HttpResponse<String> rows = stack.service(service).get("/operations?storyId=" + id + "&limit=1000");
        assertEquals(200, rows.statusCode(), rows::body);
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : Reader.JSON.readTree(rows.body())) {
            sum = row.path("actualCost").isNumber() ? sum.add(row.path("actualCost").decimalValue()) : sum;
        }
        return sum;
    }

    /** The same reader (the token cookie) on a phone-sized page. */
    private static Page phone(BrowserContext phone, BrowserContext desktop, String url) {
        phone.addCookies(desktop.cookies());
        Page page = phone.newPage();
        page.setDefaultTimeout(60_000);
        page.navigate(url);
        return page;
    }

    /** Seven pictures rejected at once: six redraws fit the cap, the seventh is refused before any call. */
    private static void rejectBeyondTheCap(Page page, String gateway, String id) {
        for (int n = 1; n <= REDRAWS_THAT_FIT + 1; n++) {
            BrowserJourneyIT.post(page, "/api/stories/" + id + "/scenes/" + n + "/approval",
                    Map.of("action", "reject", "feedback", "a brighter sky"));
        }
    }

    /** Reloads the board until "Spent so far" says {@code text}: settlement follows the pictures. */
    private static void awaitSpent(Page page, String text) {
        Awaitility.await("spend settled: " + text).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    page.reload();
                    page.locator(".tile").first().waitFor();
                    Locator spent = page.locator(".spent");
                    spent.waitFor(new Locator.WaitForOptions().setState(
                            com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
                    return spent.isVisible() && spent.textContent().contains(text);
                });
    }
}
