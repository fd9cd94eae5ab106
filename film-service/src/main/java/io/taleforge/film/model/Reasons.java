package io.taleforge.film.model;

/** The words a FAILED clip, narration or movie keeps: the message (else the code), cut to the column's size. */
final class Reasons {

    private Reasons() {
    }

    static String of(String code, String message, int max) {
        String reason = message == null ? code : message;
        return reason.length() <= max ? reason : reason.substring(0, max);
    }
}
