package io.aibrix.batch.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Tests for {@link BatchInputValidator}. */
class BatchInputValidatorTests {

    private static final String CHAT = "/v1/chat/completions";

    private final BatchInputValidator validator = new BatchInputValidator(50_000, 1024 * 1024);

    @Test
    void acceptsAWellFormedFileAndCountsItsRequests() throws IOException {
        ValidationReport report = validate(request("a") + "\n" + request("b") + "\n");

        assertThat(report.valid()).isTrue();
        assertThat(report.requests()).isEqualTo(2);
    }

    @Test
    void acceptsCrlfLineEndingsAByteOrderMarkAndNoFinalNewline() throws IOException {
        ValidationReport report = validate("\uFEFF" + request("a") + "\r\n" + request("b"));

        assertThat(report.errors()).isEmpty();
        assertThat(report.requests()).isEqualTo(2);
    }

    @Test
    void skipsBlankLinesButKeepsTheirNumbers() throws IOException {
        ValidationReport report = validate(request("a") + "\n\n   \n{oops\n");

        assertThat(report.requests()).isEqualTo(2);
        assertThat(report.errors()).containsExactly(
                new LineError("invalid_json_line", "This line is not parseable as valid JSON.", null, 4));
    }

    @Test
    void reportsEveryBadLineWithItsNumberAndParameter() throws IOException {
        String file = String.join("\n",
                request("ok"),
                "not json",
                "[1,2]",
                "{\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\"}}",
                "{\"custom_id\":7,\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\"}}",
                request("ok"),
                "{\"custom_id\":\"g\",\"method\":\"GET\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\"}}",
                "{\"custom_id\":\"u\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"m\"}}",
                "{\"custom_id\":\"b\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"messages\":[]}}",
                "{\"custom_id\":\"c\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":\"text\"}",
                "{\"custom_id\":\"d\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}",
                "{\"custom_id\":\"e\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\"}}",
                request("t") + " {}");

        ValidationReport report = validate(file);

        assertThat(report.requests()).isEqualTo(13);
        assertThat(report.errors()).extracting(LineError::line, LineError::code, LineError::param).containsExactly(
                tuple(2, "invalid_json_line", null),
                tuple(3, "invalid_json_line", null),
                tuple(4, "missing_required_parameter", "custom_id"),
                tuple(5, "invalid_value", "custom_id"),
                tuple(6, "duplicate_custom_id", "custom_id"),
                tuple(7, "invalid_method", "method"),
                tuple(8, "invalid_url", "url"),
                tuple(9, "missing_required_parameter", "body.model"),
                tuple(10, "invalid_value", "body"),
                tuple(11, "missing_required_parameter", "body"),
                tuple(12, "missing_required_parameter", "method"),
                tuple(13, "invalid_json_line", null));
    }

    @Test
    void namesTheOffendingValuesInMessages() throws IOException {
        ValidationReport report = validate(request("x") + "\n" + request("x") + "\n"
                + "{\"custom_id\":\"u\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"m\"}}");

        assertThat(report.errors()).extracting(LineError::message).containsExactly(
                "The custom_id 'x' is used by an earlier line; each request's custom_id must be unique in a batch.",
                "The url \"/v1/embeddings\" does not match the batch's endpoint '/v1/chat/completions'.");
    }

    @Test
    void reportsAnEmptyFile() throws IOException {
        assertThat(validate("").errors()).containsExactly(new LineError("empty_file",
                "The batch input file is empty: it has no request lines.", null, null));
        assertThat(validate("\n  \n").errors()).extracting(LineError::code).containsExactly("empty_file");
    }

    @Test
    void countsLinesPastTheMaximumWithoutParsingThem() throws IOException {
        BatchInputValidator small = new BatchInputValidator(3, 1024);
        String file = IntStream.rangeClosed(1, 5).mapToObj(i -> i == 5 ? "garbage" : request("r" + i))
                .collect(Collectors.joining("\n"));

        ValidationReport report = small.validate(stream(file), CHAT);

        assertThat(report.requests()).isEqualTo(5);
        assertThat(report.errors()).containsExactly(new LineError("too_many_requests",
                "The batch input file has 5 requests; a batch may have at most 3.", null, null));
    }

    @Test
    void flagsLinesLongerThanTheMaximumWithoutHoldingThem() throws IOException {
        BatchInputValidator small = new BatchInputValidator(10, 200);
        String longLine = "{\"custom_id\":\"" + "x".repeat(500) + "\"}";

        ValidationReport report = small.validate(stream(request("a") + "\n" + longLine + "\n" + request("b")), CHAT);

        assertThat(report.requests()).isEqualTo(3);
        assertThat(report.errors()).extracting(LineError::line, LineError::code)
                .containsExactly(tuple(2, "line_too_long"));
    }

    @Test
    void acceptsALineOfExactlyTheMaximumLength() throws IOException {
        String line = request("a");
        BatchInputValidator exact = new BatchInputValidator(10, line.length());

        assertThat(exact.validate(stream(line + "\r\n"), CHAT).valid()).isTrue();
        assertThat(new BatchInputValidator(10, line.length() - 1).validate(stream(line), CHAT).errors())
                .extracting(LineError::code).containsExactly("line_too_long");
    }

    @Test
    void validatesFiftyThousandLinesFromAStream() throws IOException {
        int lines = 50_000;
        InputStream input = new SequenceInputStream(Collections.enumeration(IntStream.range(0, lines)
                .mapToObj(i -> stream(request("req-" + i) + "\n")).toList()));

        ValidationReport report = validator.validate(input, CHAT);

        assertThat(report.valid()).isTrue();
        assertThat(report.requests()).isEqualTo(lines);
    }

    private ValidationReport validate(String content) throws IOException {
        return validator.validate(stream(content), CHAT);
    }

    private static String request(String customId) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"llama3-8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
