package io.taleforge.film.ffmpeg;

/** FFmpeg could not be started, failed (with the end of its stderr) or ran past its timeout. */
public class FfmpegException extends Exception {

    public FfmpegException(String message) {
        super(message);
    }

    public FfmpegException(String message, Throwable cause) {
        super(message, cause);
    }
}
