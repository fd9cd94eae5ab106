package io.taleforge.film.provider;

/**
 * How a provider task stands.
 *
 * @param taskId the provider's id
 * @param phase running, succeeded or failed
 * @param status the provider's own status word (journaled), e.g. {@code processing}, {@code Queueing}
 * @param videoRef where the video is: a URL (Kling), a file id (MiniMax), a file (local); null until it succeeded
 * @param reason why it failed, in the provider's words; null unless it failed
 */
public record ClipTask(String taskId, Phase phase, String status, String videoRef, String reason) {

    public enum Phase {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public static ClipTask running(String taskId, String status) {
        return new ClipTask(taskId, Phase.RUNNING, status, null, null);
    }

    public static ClipTask succeeded(String taskId, String status, String videoRef) {
        return new ClipTask(taskId, Phase.SUCCEEDED, status, videoRef, null);
    }

    public static ClipTask failed(String taskId, String status, String reason) {
        return new ClipTask(taskId, Phase.FAILED, status, null, reason);
    }
}
