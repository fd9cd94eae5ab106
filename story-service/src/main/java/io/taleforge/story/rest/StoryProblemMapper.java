package io.taleforge.story.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.taleforge.commons.cost.UnpricedException;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.commons.rest.ProblemMappers;
import io.taleforge.story.service.BudgetExceeded;
import io.taleforge.story.service.InvalidAnswers;
import io.taleforge.story.service.PlaceholderScenes;
import io.taleforge.story.service.SceneNotFound;
import io.taleforge.story.service.ScenesAlreadyApproved;
import io.taleforge.story.service.StillWriting;
import io.taleforge.story.service.StoryNotFound;
import io.taleforge.story.service.UnknownCursor;

/**
 * story-service's one mapper from what went wrong to problem+json (service-commons' shapes): the
 * domain exceptions the services throw, Bean Validation's violations named by their HTTP names,
 * and unreadable JSON named by the field where parsing broke.
 */
public class StoryProblemMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response storyNotFound(StoryNotFound e) {
        return problems.problem(ProblemException.notFound("story " + e.storyId()));
    }

    @ServerExceptionMapper
    public Response sceneNotFound(SceneNotFound e) {
        return problems.problem(ProblemException.notFound("scene " + e.number()));
    }

    @ServerExceptionMapper
    public Response scenesApproved(ScenesAlreadyApproved e) {
        return problems.problem(ProblemException.conflict("scenes-approved",
                "the scenes of this story are approved; texts can no longer change"));
    }

    @ServerExceptionMapper
    public Response stillWriting(StillWriting e) {
        return problems.problem(ProblemException.conflict("still-writing", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response placeholders(PlaceholderScenes e) {
        return problems.problem(ProblemException.conflict("placeholder-scenes", e.getMessage()));
    }

    /**
     * 402: a paid step whose estimate does not fit a limit, refused before any provider call; the
     * problem names the limit ({@code story-cap} or {@code daily-budget}) and says the estimate and
     * what is left, in US dollars (RFC 7807 extension members).
     */
    @ServerExceptionMapper
    public Response budgetExceeded(BudgetExceeded e) {
        Problem p = Problem.of(402, "budget-exceeded", "Over budget", e.getMessage(),
                List.of(new Problem.FieldError(e.limit(), e.getMessage())));
        return Response.status(402).type(Problem.MEDIA_TYPE).entity(new BudgetProblem(p.type(), p.title(), 402,
                p.detail(), p.errors(), e.limit(), e.estimate(), e.left())).build();
    }

    /** problem+json of a refused budget: the limit, the estimate and what is left. */
    public record BudgetProblem(URI type, String title, int status, String detail, List<Problem.FieldError> errors,
            String limit, BigDecimal estimateUsd, BigDecimal leftUsd) {
    }

    /** 409: a provider or model with no price in the rate table is never called. */
    @ServerExceptionMapper
    public Response unpriced(UnpricedException e) {
        return problems.problem(ProblemException.conflict("unpriced", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidAnswers(InvalidAnswers e) {
        return problems.problem(ProblemException.invalid(e.wrong().stream()
                .map(w -> new Problem.FieldError("answers." + w.questionId(), w.message())).toList()));
    }

    @ServerExceptionMapper
    public Response unknownCursor(UnknownCursor e) {
        return problems.problem(ProblemException.badRequest("after", e.getMessage()));
    }

    /** Ahead of service-commons' mapping: fields are named as on the wire (see {@link HttpParameterNames}). */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return problems.problem(ProblemException.invalid(errors));
    }

    /**
     * {@code create.X-Taleforge-Owner} → {@code X-Taleforge-Owner}; {@code editScene.body.text} →
     * {@code text} (a body's fields are named from its root); {@code create.body} → {@code body}.
     */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        boolean parameterFirst = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getName() == null) {
                continue;
            }
            parameterFirst |= names.isEmpty() && node.getKind() == ElementKind.PARAMETER;
            names.add(node.getName());
        }
        if (parameterFirst && names.size() > 1) {
            names.remove(0);
        }
        return String.join(".", names);
    }

    /** quarkus-rest-jackson maps these itself (more specifically than service-commons): routed back here. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return problems.unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e) {
        return problems.unreadableJson(e);
    }

    /** A body that is not JSON at all reaches us as a 400 wrapping the parser's error. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response badRequest(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return problems.unreadableJson(json);
            }
        }
        return problems.webApplication(e);
    }
}
