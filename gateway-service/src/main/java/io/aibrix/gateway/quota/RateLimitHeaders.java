package io.aibrix.gateway.quota;

import java.util.Locale;
import java.util.Map;

/** OpenAI's {@code x-ratelimit-*} headers and its duration format ({@code 20ms}, {@code 1.5s}, {@code 6m0s}). */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** {@code x-ratelimit-limit-<kind>}, {@code -remaining-<kind>}, {@code -reset-<kind>} into {@code headers}. */
    static void put(Map<String, String> headers, String kind, long limit, long remaining, long resetMillis) {
        headers.put("x-ratelimit-limit-" + kind, Long.toString(limit));
        headers.put("x-ratelimit-remaining-" + kind, Long.toString(remaining));
        headers.put("x-ratelimit-reset-" + kind, duration(resetMillis));
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return Math.max(0, millis) + "ms";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + "s"
                    : String.format(Locale.ROOT, "%.3f", millis / 1000.0).replaceAll("0+$", "") + "s";
        }
        long seconds = (millis + 999) / 1000;
        return seconds / 60 + "m" + seconds % 60 + "s";
    }

    /** {@code Retry-After}: whole seconds, rounded up, at least 1. */
    static String retryAfter(long millis) {
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
