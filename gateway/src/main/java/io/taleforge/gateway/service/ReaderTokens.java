package io.taleforge.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The reader token: 32 random bytes, base64url without padding (43 characters). Only its SHA-256
 * (hex) leaves the gateway, as the story owner sent to story-service.
 */
public final class ReaderTokens {

    /** Accepts our own tokens and other opaque tokens of reasonable size in the same alphabet. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32,256}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReaderTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The owner id story-service stores: lower-case hex SHA-256 of the token. */
    public static String owner(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
