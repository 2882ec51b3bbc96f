package io.aibrix.metadata.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.lang.Nullable;

/**
 * Decides whether a request path may be served with the {@code Authorization} header it carries. {@code /admin/v1}
 * needs the admin token; {@code /internal/v1} the admin or the internal token; every other path is open. Tokens are
 * compared through their SHA-256 digests with {@link MessageDigest#isEqual}, so timing reveals nothing about them.
 */
final class TokenCheck {

    static final String ADMIN_PREFIX = "/admin/";

    static final String INTERNAL_PREFIX = "/internal/";

    private static final String BEARER = "Bearer ";

    /** The outcome for one request. */
    sealed interface Outcome permits Open, Granted, Missing, Refused {
    }

    /** The path needs no token. */
    record Open() implements Outcome {
    }

    record Granted() implements Outcome {
    }

    /** 401: no usable bearer token. */
    record Missing(String detail) implements Outcome {
    }

    /** 403: a token, but not one that grants this path. */
    record Refused(String detail) implements Outcome {
    }

    /** {@code null} when the check is off. */
    @Nullable
    private final byte[] adminDigest;

    @Nullable
    private final byte[] internalDigest;

    /** @param adminToken {@code null} turns the check off: every path is open */
    TokenCheck(@Nullable String adminToken, @Nullable String internalToken) {
        this.adminDigest = adminToken == null ? null : digest(adminToken);
        this.internalDigest = adminToken == null || internalToken == null ? null : digest(internalToken);
    }

    Outcome check(String path, @Nullable String authorization) {
        boolean admin = path.startsWith(ADMIN_PREFIX) || path.equals("/admin");
        boolean internal = path.startsWith(INTERNAL_PREFIX) || path.equals("/internal");
        if (adminDigest == null || !admin && !internal) {
            return new Open();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            return new Missing("This path needs 'Authorization: Bearer <" + (admin ? "admin" : "admin or internal")
                    + " token>'");
        }
        byte[] given = digest(authorization.substring(BEARER.length()).trim());
        if (MessageDigest.isEqual(given, adminDigest)) {
            return new Granted();
        }
        boolean isInternal = internalDigest != null && MessageDigest.isEqual(given, internalDigest);
        if (isInternal && internal) {
            return new Granted();
        }
        if (isInternal) {
            return new Refused("The internal token grants only /internal/v1; /admin/v1 needs the admin token");
        }
        return new Refused("The bearer token is not valid for this path");
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
