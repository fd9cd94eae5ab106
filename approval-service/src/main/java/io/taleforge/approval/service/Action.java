package io.taleforge.approval.service;

import java.util.Locale;
import java.util.Optional;

/** What the reader decided about a PENDING image. */
public enum Action {
    APPROVE, REJECT;

    /** {@code approve} / {@code reject} (exactly these words), or empty. */
    public static Optional<Action> parse(String value) {
        if ("approve".equals(value)) {
            return Optional.of(APPROVE);
        }
        if ("reject".equals(value)) {
            return Optional.of(REJECT);
        }
        return Optional.empty();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
