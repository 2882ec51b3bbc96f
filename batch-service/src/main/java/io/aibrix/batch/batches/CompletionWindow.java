package io.aibrix.batch.batches;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aibrix.batch.openai.ApiException;

/**
 * {@code completion_window}: OpenAI accepts only {@code 24h}; shorter windows such as {@code 1h}, {@code 30m} or
 * {@code 90s} are accepted as an extension, from one second up to 24 hours.
 */
final class CompletionWindow {

    static final Duration MAX = Duration.ofHours(24);
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})(s|m|h)");

    private CompletionWindow() {
    }

    static Duration parse(String value) {
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            throw invalid(value);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (window.compareTo(MAX) > 0) {
            throw invalid(value);
        }
        return window;
    }

    private static ApiException invalid(String value) {
        return ApiException.badRequest("Invalid value for 'completion_window': '" + value + "'. Supported values"
                + " are: '24h', or a shorter window such as '1h', '30m' or '90s'.", "completion_window",
                "invalid_value");
    }
}
