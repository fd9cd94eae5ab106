package io.taleforge.film.provider.kling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

/**
 * Kling's bearer token: an HS256 JWT with the access key as {@code iss}, {@code exp} = now + ttl
 * (30 minutes) and {@code nbf} = now − 5 s, signed with the secret key, as the vendor's own Java
 * sample makes it. One token is reused until 5 minutes before it expires; {@link #renew} drops it
 * (after a 401 "expired").
 */
final class KlingTokens {

    private static final Duration NOT_BEFORE_SKEW = Duration.ofSeconds(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final String accessKey;
    private final Algorithm algorithm;
    private final Duration ttl;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;

    KlingTokens(String accessKey, String secretKey, Duration ttl, Clock clock) {
        this.accessKey = accessKey;
        this.algorithm = Algorithm.HMAC256(secretKey);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** {@code Bearer <jwt>}, minting a new token when the current one is close to its expiry. */
    synchronized String bearer() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(expires.minus(RENEW_BEFORE))) {
            expires = now.plus(ttl);
            token = JWT.create()
                    .withHeader(Map.of("alg", "HS256", "typ", "JWT"))
                    .withIssuer(accessKey)
                    .withExpiresAt(expires)
                    .withNotBefore(now.minus(NOT_BEFORE_SKEW))
                    .sign(algorithm);
        }
        return "Bearer " + token;
    }

    /** Forgets the current token: the next {@link #bearer} mints a new one. */
    synchronized void renew() {
        token = null;
    }
}
