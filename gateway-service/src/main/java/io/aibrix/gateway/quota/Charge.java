package io.aibrix.gateway.quota;

import java.util.Objects;

/**
 * One limit a request counts against, and by how much.
 *
 * @param kind    which limit
 * @param subject whom it limits: the user for {@code rpm} and {@code tpm}, the model for {@code rps}
 * @param limit   the most the window may hold
 * @param amount  what this request adds: 1 request, or its estimated tokens
 * @param window  the window the limit applies to
 */
record Charge(Kind kind, String subject, long limit, long amount, SlidingWindow window) {

    Charge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(window, "window");
        if (limit < 0 || amount < 0) {
            throw new IllegalArgumentException("limit and amount must not be negative");
        }
    }

    /** The counter's name, unique per limit: {@code u:<user>:rpm}, {@code u:<user>:tpm}, {@code m:<model>:rps}. */
    String scope() {
        return (kind == Kind.RPS ? "m:" : "u:") + subject + ":" + kind.tag();
    }

    enum Kind {

        RPM("rpm"), TPM("tpm"), RPS("rps");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The metric tag and scope suffix. */
        String tag() {
            return tag;
        }
    }
}
