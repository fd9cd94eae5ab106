package io.taleforge.approval.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.taleforge.approval.config.ApprovalConfig;
import io.taleforge.approval.mapping.ApprovalMapper;
import io.taleforge.approval.service.Action;
import io.taleforge.approval.service.ApprovalService;
import io.taleforge.commons.rest.ProblemException;

/** The approval state of a story's images and the reader's decisions on them (internal REST). */
@Path("/approvals/{storyId}")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private final ApprovalService approvals;
    private final ApprovalConfig config;

    public ApprovalResource(ApprovalService approvals, ApprovalConfig config) {
        this.approvals = approvals;
        this.config = config;
    }

    /** Every scene's latest attempt and its state, with the counts; 404 for a story never seen. */
    @GET
    public StoryApprovalsView get(@PathParam("storyId") String storyId) {
        UUID id = storyId(storyId);
        return ApprovalMapper.toView(id, approvals.scenesOf(id), approvals.total());
    }

    /** Approve or reject the scene's PENDING image; repeating the same decision answers the same. */
    @POST
    @Path("/{sceneNumber}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SceneView decide(@PathParam("storyId") String storyId, @PathParam("sceneNumber") int sceneNumber,
            DecisionRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON object with action and feedback is required");
        }
        Action action = Action.parse(request.action())
                .orElseThrow(() -> ProblemException.badRequest("action", "must be \"approve\" or \"reject\""));
        if (request.feedback() != null
                && request.feedback().codePointCount(0, request.feedback().length()) > config.feedbackMaxLength()) {
            throw ProblemException.badRequest("feedback",
                    "must be at most " + config.feedbackMaxLength() + " characters");
        }
        return ApprovalMapper.toView(approvals.decide(storyId(storyId), sceneNumber, action, request.feedback()).scene());
    }

    /** Ask for another attempt of a FAILED image: 202, the next attempt arrives as image-status. */
    @POST
    @Path("/{sceneNumber}/retry")
    public Response retry(@PathParam("storyId") String storyId, @PathParam("sceneNumber") int sceneNumber) {
        SceneView scene = ApprovalMapper.toView(approvals.retry(storyId(storyId), sceneNumber).scene());
        return Response.accepted(scene).build();
    }

    /** Approve every image that waits for a decision: 200 with the scenes approved (maybe none). */
    @POST
    @Path("/approve-all")
    public BulkView approveAll(@PathParam("storyId") String storyId) {
        UUID id = storyId(storyId);
        return new BulkView(id.toString(), approvals.approveAll(id).stream().map(ApprovalMapper::toView).toList());
    }

    /** Ask again for every FAILED image: 202 with the scenes asked again for (maybe none). */
    @POST
    @Path("/retry-failed")
    public Response retryFailed(@PathParam("storyId") String storyId) {
        UUID id = storyId(storyId);
        return Response.accepted(new BulkView(id.toString(),
                approvals.retryFailed(id).stream().map(ApprovalMapper::toView).toList())).build();
    }

    /** A story id that is not a UUID names no story approval-service has seen: 404, like an unknown one. */
    static UUID storyId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("story " + value);
        }
    }
}
