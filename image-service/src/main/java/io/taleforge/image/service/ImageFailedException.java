package io.taleforge.image.service;

/** The reason a record went to the dead-letter topic: the code and message of FAILED or SKIPPED. */
public final class ImageFailedException extends RuntimeException {

    private final String code;

    public ImageFailedException(String code, String message) {
        super(code + ": " + message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
