package io.aibrix.benchmark;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Range checks on option values that fail with a message naming the option and the value. */
final class Validation {

    private final CommandLine commandLine;

    Validation(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(option, value, "must be a positive number");
        }
    }

    void nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(option, value, "must be zero or a positive number");
        }
    }

    void atLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw invalid(option, value, "must be at least " + minimum);
        }
    }

    ParameterException invalid(String option, Object value, String requirement) {
        return new ParameterException(commandLine, "Invalid value for option '" + option + "': " + requirement
                + " but was '" + asTyped(option, value) + "'");
    }

    /** The value as the user typed it ({@code 0}, not the parsed {@code 0.0}), when the option was given. */
    private Object asTyped(String option, Object parsed) {
        CommandLine.ParseResult parseResult = commandLine.getParseResult();
        CommandLine.Model.OptionSpec matched = parseResult == null ? null : parseResult.matchedOption(option);
        if (matched == null || matched.originalStringValues().isEmpty()) {
            return parsed;
        }
        return matched.originalStringValues().getLast();
    }

    /** Whether the user gave {@code option} on the command line (rather than it having its default). */
    boolean given(String option) {
        CommandLine.ParseResult parseResult = commandLine.getParseResult();
        return parseResult != null && parseResult.hasMatchedOption(option);
    }

    ParameterException invalid(String message) {
        return new ParameterException(commandLine, message);
    }
}
