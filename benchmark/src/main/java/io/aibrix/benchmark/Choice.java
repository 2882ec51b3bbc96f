package io.aibrix.benchmark;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import picocli.CommandLine;

/** Converts a CLI word such as {@code round-robin} to an enum constant by label, or says what would be valid. */
final class Choice<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

    private final E[] constants;
    private final Function<E, String> label;

    Choice(Class<E> type, Function<E, String> label) {
        this.constants = type.getEnumConstants();
        this.label = label;
    }

    @Override
    public E convert(String value) {
        return Arrays.stream(constants)
                .filter(constant -> label.apply(constant).equals(value))
                .findFirst()
                .orElseThrow(() -> new CommandLine.TypeConversionException("expected one of "
                        + Arrays.stream(constants).map(label).collect(Collectors.joining(", ")) + " but was '"
                        + value + "'"));
    }
}
