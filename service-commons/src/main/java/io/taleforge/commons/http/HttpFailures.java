package io.taleforge.commons.http;

import jakarta.ws.rs.core.Response;

/** What the clients of outside APIs (OpenAI, Cloudinary) say about a failed call, written once. */
public final class HttpFailures {

    private HttpFailures() {
    }

    /** The body of an error answer as text, or "" when there is none or it cannot be read. */
    public static String bodyOf(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The first value of a header, whatever the case of its name; null when absent. */
    public static String header(java.util.Map<String, java.util.List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** The innermost cause as "Type: message", the part of a failure an operator can act on. */
    public static String rootDescription(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
