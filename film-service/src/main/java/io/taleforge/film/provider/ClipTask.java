package io.taleforge.film.provider;

import java.math.BigDecimal;

/**
 * How a provider task stands.
 *
 * @param taskId the provider's id
 * @param phase running, succeeded or failed
 * @param status the provider's own status word (journaled), e.g. {@code processing}, {@code Queueing}
 * @param videoRef where the video is: a URL (Kling), a file id (MiniMax), a file (local); null until it succeeded
 * @param reason why it failed, in the provider's words; null unless it failed
 * @param units the units the provider billed for the task, when it says (Kling's {@code final_unit_deduction}); else null
 */
public record ClipTask(String taskId, Phase phase, String status, String videoRef, String reason, BigDecimal units) {

    public enum Phase {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public static ClipTask running(String taskId, String status) {
        return new ClipTask(taskId, Phase.RUNNING, status, null, null, null);
    }

    public static ClipTask succeeded(String taskId, String status, String videoRef) {
        return new ClipTask(taskId, Phase.SUCCEEDED, status, videoRef, null, null);
    }

    /** A finished task with the {@code units} the provider billed for it. */
    public static ClipTask succeeded(String taskId, String status, String videoRef, BigDecimal units) {
        return new ClipTask(taskId, Phase.SUCCEEDED, status, videoRef, null, units);
    }

    public static ClipTask failed(String taskId, String status, String reason) {
        return new ClipTask(taskId, Phase.FAILED, status, null, reason, null);
    }
}
