package io.taleforge.film.provider.kling;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON shapes of Kling's image-to-video API ({@code /v1/videos/image2video}). */
final class KlingApi {

    private KlingApi() {
    }

    /**
     * The create body. {@code image} is a public URL or raw base64 (no {@code data:} prefix);
     * {@code duration} is a string ("5" or "10"), as the API wants it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateRequest(@JsonProperty("model_name") String modelName, String image, String prompt, String mode,
            String duration, @JsonProperty("external_task_id") String externalTaskId) {
    }

    /** Every answer: {@code {code, message, request_id, data}}; code 0 is success. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope(Integer code, String message, @JsonProperty("request_id") String requestId, Task data) {
    }

    /**
     * {@code task_status}: submitted, processing, succeed or failed (a failure's reason in {@code task_status_msg});
     * {@code final_unit_deduction}: the units billed for the task (a string, in newer answers only).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Task(@JsonProperty("task_id") String taskId, @JsonProperty("task_status") String taskStatus,
            @JsonProperty("task_status_msg") String taskStatusMsg, @JsonProperty("task_result") Result taskResult,
            @JsonProperty("final_unit_deduction") String finalUnitDeduction) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(List<Video> videos) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Video(String id, String url, String duration) {
    }
}
