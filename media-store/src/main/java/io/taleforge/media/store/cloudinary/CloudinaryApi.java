package io.taleforge.media.store.cloudinary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON shapes of Cloudinary's upload API. */
final class CloudinaryApi {

    private CloudinaryApi() {
    }

    /** The fields we use of an upload answer (it has many more: asset_id, width, height, etag, …). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UploadResponse(@JsonProperty("public_id") String publicId, Long version,
            @JsonProperty("secure_url") String secureUrl, String url, Long bytes, String format) {
    }

    /** {@code {"error":{"message":"…"}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(Error error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String message) {
    }
}
