package io.aibrix.gateway.proxy;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpHeaders;
import org.springframework.lang.Nullable;

/**
 * Request IDs: the trace ID of an incoming W3C {@code traceparent}, else a caller's {@code x-request-id}, else 128
 * random bits as 32 hex digits. Never {@code UUID.randomUUID()}: its SecureRandom may block an event loop.
 */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_CALLER_ID = 128;

    private RequestIds() {
    }

    static String of(HttpHeaders headers) {
        String traceparent = headers.getFirst("traceparent");
        if (traceparent != null) {
            String traceId = traceId(traceparent);
            if (traceId != null) {
                return traceId;
            }
        }
        String callerId = headers.getFirst("x-request-id");
        if (callerId != null && !callerId.isBlank() && callerId.length() <= MAX_CALLER_ID && printable(callerId)) {
            return callerId;
        }
        return random();
    }

    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        fill(id, 0, random.nextLong());
        fill(id, 16, random.nextLong());
        return new String(id);
    }

    /** {@code version-traceid-parentid-flags}; the all-zero trace ID is invalid per the spec. */
    private static @Nullable String traceId(String traceparent) {
        String[] parts = traceparent.trim().split("-");
        if (parts.length < 4 || parts[1].length() != 32) {
            return null;
        }
        String id = parts[1].toLowerCase(Locale.ROOT);
        boolean nonZero = false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.digit(c, 16) < 0) {
                return null;
            }
            nonZero |= c != '0';
        }
        return nonZero ? id : null;
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void fill(char[] target, int offset, long bits) {
        for (int i = 15; i >= 0; i--) {
            target[offset + i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
    }
}
