package io.taleforge.film.provider.minimax;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON shapes of MiniMax's video generation API (v1: create, query, file retrieve). */
final class MinimaxApi {

    private MinimaxApi() {
    }

    /** {@code first_frame_image}: a public URL or a data URL {@code data:image/png;base64,…}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateRequest(String model, @JsonProperty("first_frame_image") String firstFrameImage, String prompt,
            Integer duration, String resolution, @JsonProperty("prompt_optimizer") Boolean promptOptimizer) {
    }

    /** Every answer carries {@code base_resp}; a non-zero {@code status_code} is an error, even with HTTP 200. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BaseResp(@JsonProperty("status_code") Integer statusCode, @JsonProperty("status_msg") String statusMsg) {

        boolean failed() {
            return statusCode != null && statusCode != 0;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreateResponse(@JsonProperty("task_id") String taskId, @JsonProperty("base_resp") BaseResp baseResp) {
    }

    /** {@code status}: Preparing, Queueing, Processing, Success or Fail; {@code file_id} only on Success. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record QueryResponse(@JsonProperty("task_id") String taskId, String status, @JsonProperty("file_id") String fileId,
            @JsonProperty("base_resp") BaseResp baseResp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileResponse(File file, @JsonProperty("base_resp") BaseResp baseResp) {
    }

    /** {@code download_url} is valid for 9 hours. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(@JsonProperty("file_id") String fileId, @JsonProperty("download_url") String downloadUrl) {
    }
}
