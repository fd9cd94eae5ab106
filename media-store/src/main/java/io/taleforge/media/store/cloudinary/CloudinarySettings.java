package io.taleforge.media.store.cloudinary;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudinary's credentials, from {@code CLOUDINARY_URL} in Cloudinary's own format
 * {@code cloudinary://<api_key>:<api_secret>@<cloud_name>} and/or explicit settings (which win),
 * and the request signature. Uploads are signed when key and secret are known, else unsigned with
 * an upload preset.
 */
public record CloudinarySettings(String cloudName, String apiKey, String apiSecret, String uploadPreset,
        String folder) {

    private static final Pattern URL = Pattern.compile("cloudinary://([^:@/\\s]+):([^@/\\s]+)@([^/?#\\s]+).*");

    /** Parameters that are sent but never signed. */
    private static final Set<String> UNSIGNED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature");

    public static CloudinarySettings from(CloudinaryConfig config) {
        String cloud = null;
        String key = null;
        String secret = null;
        Optional<String> url = config.url().filter(u -> !u.isBlank());
        if (url.isPresent()) {
            Matcher m = URL.matcher(url.get().trim());
            if (m.matches()) {
                key = decode(m.group(1));
                secret = decode(m.group(2));
                cloud = m.group(3);
            }
        }
        return new CloudinarySettings(config.cloudName().filter(s -> !s.isBlank()).orElse(cloud),
                config.apiKey().filter(s -> !s.isBlank()).orElse(key),
                config.apiSecret().filter(s -> !s.isBlank()).orElse(secret),
                config.uploadPreset().filter(s -> !s.isBlank()).orElse(null),
                config.folder());
    }

    /** Whether uploads are signed (api key and secret known). */
    public boolean signed() {
        return apiKey != null && apiSecret != null;
    }

    /** Why {@code config} cannot upload; empty when it can. Never contains the secret. */
    public static Optional<String> problem(CloudinaryConfig config) {
        Optional<String> url = config.url().filter(u -> !u.isBlank());
        CloudinarySettings settings = from(config);
        if (url.isPresent() && !parses(url.get()) && settings.incomplete()) {
            return Optional.of("CLOUDINARY_URL does not parse: expected cloudinary://<api_key>:<api_secret>@<cloud_name>");
        }
        return settings.problem();
    }

    private boolean incomplete() {
        return cloudName == null || (!signed() && uploadPreset == null);
    }

    /** Why these settings cannot upload; empty when they can. Never contains the secret. */
    public Optional<String> problem() {
        if (cloudName == null) {
            return Optional.of("no cloud name: set CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>"
                    + " (or a cloudinary.cloud-name with an upload preset)");
        }
        if (!signed() && uploadPreset == null) {
            return Optional.of("neither api key and secret (CLOUDINARY_URL) nor an unsigned upload preset"
                    + " (CLOUDINARY_UPLOAD_PRESET) for cloud " + cloudName);
        }
        return Optional.empty();
    }

    /** Whether {@code url} has the shape {@code cloudinary://key:secret@cloud}. */
    public static boolean parses(String url) {
        return url != null && URL.matcher(url.trim()).matches();
    }

    /**
     * Cloudinary's signature: the parameters except file, cloud_name, resource_type, api_key (and
     * empty ones), sorted by name, joined as {@code k=v&k2=v2}, the secret appended with no
     * separator, SHA-1, lower-case hex.
     */
    public static String signature(Map<String, String> params, String apiSecret) {
        StringBuilder toSign = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (UNSIGNED.contains(e.getKey()) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (toSign.length() > 0) {
                toSign.append('&');
            }
            toSign.append(e.getKey()).append('=').append(e.getValue());
        }
        toSign.append(apiSecret);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(toSign.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Without the secret, so a log line or an exception can never carry it. */
    @Override
    public String toString() {
        return "CloudinarySettings[cloudName=" + cloudName + ", apiKey=" + apiKey + ", apiSecret="
                + (apiSecret == null ? "none" : "***") + ", uploadPreset=" + uploadPreset + ", folder=" + folder + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
