package io.taleforge.media.store.cloudinary;

/** A Cloudinary answer ≥ 400 as it came. Never leaves the store: it is mapped. */
class CloudinaryHttpException extends RuntimeException {

    final int status;
    final String body;

    CloudinaryHttpException(int status, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
    }
}
