package io.taleforge.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The web UI's quiz, one question at a time, as a reader answers it in the browser. */
final class QuizSteps {

    static final String SUBMIT = "Write my story";

    private QuizSteps() {
    }

    /** Picks {@code value} of the choice question {@code question}, then "Next". */
    static void choose(Page page, String question, String value) {
        page.locator("label.choice:has(input[name=" + question + "][value=" + value + "])").click();
        next(page);
    }

    static void next(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next").setExact(true)).click();
    }

    /**
     * Answers every question the quiz shows (its branches follow the answers) from {@code answers}
     * (question id → option value or text; a text question missing from it is left empty) and stops
     * at the last one, its "Write my story" button not clicked.
     */
    static void answerAll(Page page, Map<String, String> answers) {
        Locator steps = page.locator("form.quiz .steps");
        while (true) {
            String step = steps.textContent();
            Locator input = page.locator("form.quiz input").first();
            String question = input.getAttribute("name");
            String value = answers.get(question);
            if ("text".equals(input.getAttribute("type"))) {
                input.fill(value == null ? "" : value);
            } else {
                page.locator("label.choice:has(input[name=" + question + "][value=" + value + "])").click();
            }
            if (page.getByText(SUBMIT).count() > 0) {
                return;
            }
            next(page);
            assertThat(steps).not().hasText(step);
        }
    }
}
