package io.taleforge.commons.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a 429 asks us to wait, read from the headers OpenAI (and compatible APIs) send, in
 * one place for the story writer and the image provider: {@code retry-after-ms}, else
 * {@code Retry-After} (seconds or an HTTP date), else the reset of whichever
 * {@code x-ratelimit-*} budget is used up (the later one when both are), else any reset given.
 * A header that does not parse, or is negative, falls through to the next one.
 */
public final class RateLimitHeaders {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitHeaders() {
    }

    /** The wait the headers ask for, or null when none says. {@code header} looks a header up by name, any case. */
    public static Duration retryAfter(UnaryOperator<String> header) {
        Duration ms = number(header.apply("retry-after-ms"), 1);
        if (ms != null) {
            return ms;
        }
        Duration after = retryAfterValue(header.apply("Retry-After"));
        if (after != null) {
            return after;
        }
        Duration requests = "0".equals(trim(header.apply("x-ratelimit-remaining-requests")))
                ? reset(header.apply("x-ratelimit-reset-requests")) : null;
        Duration tokens = "0".equals(trim(header.apply("x-ratelimit-remaining-tokens")))
                ? reset(header.apply("x-ratelimit-reset-tokens")) : null;
        if (requests != null && tokens != null) {
            return requests.compareTo(tokens) > 0 ? requests : tokens;
        }
        if (requests != null || tokens != null) {
            return requests != null ? requests : tokens;
        }
        Duration any = reset(header.apply("x-ratelimit-reset-requests"));
        return any != null ? any : reset(header.apply("x-ratelimit-reset-tokens"));
    }

    /**
     * What is left of the account's budgets, as OpenAI reports on its answers (any status):
     * {@code x-ratelimit-remaining-requests} until {@code x-ratelimit-reset-requests}, and
     * {@code x-ratelimit-remaining-tokens} until {@code x-ratelimit-reset-tokens}. A budget is null
     * when either of its two headers is missing or does not parse.
     */
    public record Allowance(Budget requests, Budget tokens) {

        /** Whether the answer reported any budget. */
        public boolean reported() {
            return requests != null || tokens != null;
        }
    }

    /** {@code remaining} calls (or tokens) until the budget is refilled {@code reset} from now. */
    public record Budget(long remaining, Duration reset) {
    }

    /** The budgets an answer reports; {@code header} looks a header up by name, any case. */
    public static Allowance allowance(UnaryOperator<String> header) {
        return new Allowance(budget(header.apply("x-ratelimit-remaining-requests"),
                header.apply("x-ratelimit-reset-requests")),
                budget(header.apply("x-ratelimit-remaining-tokens"), header.apply("x-ratelimit-reset-tokens")));
    }

    private static Budget budget(String remaining, String reset) {
        String count = trim(remaining);
        Duration until = reset(reset);
        return count == null || !count.matches("\\d{1,18}") || until == null ? null
                : new Budget(Long.parseLong(count), until);
    }

    /** A {@code Retry-After} value: seconds (decimals allowed) or an HTTP date (zero once past); null if neither. */
    public static Duration retryAfterValue(String value) {
        Duration seconds = number(value, 1000);
        if (seconds != null || value == null || value.isBlank()) {
            return seconds;
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** OpenAI's reset format, Go durations: {@code 6m0s}, {@code 1s}, {@code 250ms}, {@code 1h2m3.5s}; null if it does not parse. */
    public static Duration reset(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION_PART.matcher(v);
        double ms = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            ms += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
            end = m.end();
        }
        return end == v.length() && end > 0 ? Duration.ofMillis(Math.round(ms)) : null;
    }

    /** A non-negative number (decimals allowed) times {@code unitMillis}, or null. */
    private static Duration number(String value, long unitMillis) {
        String v = trim(value);
        if (v == null || !v.matches("\\d+(\\.\\d+)?")) {
            return null;
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * unitMillis));
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
