package io.aibrix.benchmark.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an Azure-LLM-inference-style CSV: {@code TIMESTAMP,ContextTokens,GeneratedTokens}. The header is optional
 * (columns are then positional); TIMESTAMP is either numeric seconds or a datetime such as
 * {@code 2023-11-16 18:15:46.6805900} (up to 9 fraction digits, optional {@code T} and UTC offset).
 */
public final class TraceReader {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private TraceReader() {
    }

    public static List<TraceRow> read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
        catch (NoSuchFileException ex) {
            throw new TraceFormatException("trace file " + file + " does not exist");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read trace file " + file, ex);
        }
    }

    public static List<TraceRow> read(Reader source, String name) throws IOException {
        BufferedReader reader = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
        int[] columns = {0, 1, 2};
        List<TraceRow> rows = new ArrayList<>();
        String line;
        int lineNumber = 0;
        boolean firstContent = true;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            if (firstContent) {
                firstContent = false;
                if (isHeader(fields)) {
                    columns = headerColumns(fields, name);
                    continue;
                }
            }
            rows.add(parseRow(fields, columns, name, lineNumber));
        }
        if (rows.isEmpty()) {
            throw new TraceFormatException("trace " + name + " has no rows");
        }
        return rows;
    }

    /** Numeric seconds or a datetime, as nanoseconds on an arbitrary but consistent time line. */
    static long parseTimestamp(String text) {
        String value = text.strip();
        if (!value.isEmpty() && (Character.isDigit(value.charAt(0)) || value.charAt(0) == '.')
                && value.indexOf('-') < 0 && value.indexOf(':') < 0) {
            return new BigDecimal(value).movePointRight(9).longValue();
        }
        TemporalAccessor parsed = DATE_TIME.parse(value);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        LocalDateTime local = LocalDateTime.from(parsed);
        return Math.addExact(Math.multiplyExact(local.toEpochSecond(offset), 1_000_000_000L), local.getNano());
    }

    private static boolean isHeader(String[] fields) {
        try {
            parseTimestamp(fields[0]);
            return false;
        }
        catch (NumberFormatException | DateTimeParseException ex) {
            return true;
        }
    }

    private static int[] headerColumns(String[] fields, String name) {
        int[] columns = {-1, -1, -1};
        for (int i = 0; i < fields.length; i++) {
            switch (fields[i].strip().toLowerCase(Locale.ROOT)) {
                case "timestamp" -> columns[0] = i;
                case "contexttokens" -> columns[1] = i;
                case "generatedtokens" -> columns[2] = i;
                default -> {
                }
            }
        }
        for (int column : columns) {
            if (column < 0) {
                throw new TraceFormatException("trace " + name
                        + ": header must name TIMESTAMP, ContextTokens and GeneratedTokens but was '"
                        + String.join(",", fields) + "'");
            }
        }
        return columns;
    }

    private static TraceRow parseRow(String[] fields, int[] columns, String name, int lineNumber) {
        String where = "trace " + name + " line " + lineNumber;
        int needed = Math.max(columns[0], Math.max(columns[1], columns[2])) + 1;
        if (fields.length < needed) {
            throw new TraceFormatException(where + ": expected " + needed + " columns but found " + fields.length);
        }
        try {
            return new TraceRow(parseTimestamp(fields[columns[0]]), count(fields[columns[1]]),
                    count(fields[columns[2]]));
        }
        catch (NumberFormatException | DateTimeParseException | ArithmeticException ex) {
            throw new TraceFormatException(where + ": cannot parse '" + String.join(",", fields) + "' ("
                    + ex.getMessage() + ")");
        }
    }

    private static int count(String text) {
        int value = new BigDecimal(text.strip()).intValueExact();
        if (value < 0) {
            throw new NumberFormatException("negative token count " + value);
        }
        return value;
    }
}
