package io.taleforge.approval.rest;

/**
 * The approval state of one scene's latest attempt.
 *
 * @param attempt null while no image status of the scene has arrived
 * @param state WAITING, PENDING, APPROVED, REJECTED or FAILED
 * @param error why the image failed or was skipped, on FAILED
 * @param feedback the reader's words on a rejection
 */
public record SceneView(int sceneNumber, Integer attempt, String state, String imageUrl, Error error,
        String feedback) {

    public record Error(String code, String message) {
    }
}
