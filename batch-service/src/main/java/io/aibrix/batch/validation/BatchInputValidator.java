package io.aibrix.batch.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.springframework.lang.Nullable;

/**
 * Checks a batch input file line by line, as a stream: each non-blank line must be one JSON object with a unique
 * string {@code custom_id}, {@code method} {@code POST}, {@code url} equal to the batch endpoint and an object
 * {@code body} with a {@code model}; the file must have at least one and at most {@code maxRequests} such lines.
 *
 * <p>Every bad line is reported, with the first problem found on it. Memory is one line (at most
 * {@code maxLineBytes}) plus the set of custom_ids seen; lines past {@code maxRequests} are counted, not parsed.
 * Blank lines are skipped but keep their numbers, so reported line numbers match an editor's.
 */
public final class BatchInputValidator {

    private final ObjectReader reader = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();
    private final int maxRequests;
    private final int maxLineBytes;

    public BatchInputValidator(int maxRequests, int maxLineBytes) {
        if (maxRequests < 1 || maxLineBytes < 1) {
            throw new IllegalArgumentException("maxRequests and maxLineBytes must be positive");
        }
        this.maxRequests = maxRequests;
        this.maxLineBytes = maxLineBytes;
    }

    /** The longest accepted line in bytes; the executor reads lines with the same bound. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * Reads {@code input} to its end (the caller closes it) and reports every problem.
     *
     * @param endpoint the batch's endpoint, e.g. {@code /v1/chat/completions}
     */
    public ValidationReport validate(InputStream input, String endpoint) throws IOException {
        JsonlLines lines = new JsonlLines(input, maxLineBytes);
        List<LineError> errors = new ArrayList<>();
        Set<String> customIds = new HashSet<>();
        long requests = 0;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            requests++;
            if (requests > maxRequests) {
                continue;
            }
            LineError error = check(lines, endpoint, customIds);
            if (error != null) {
                errors.add(error);
            }
        }
        if (requests == 0) {
            errors.add(new LineError("empty_file", "The batch input file is empty: it has no request lines.", null,
                    null));
        } else if (requests > maxRequests) {
            errors.add(new LineError("too_many_requests", "The batch input file has " + requests
                    + " requests; a batch may have at most " + maxRequests + ".", null, null));
        }
        return new ValidationReport(requests, errors);
    }

    private @Nullable LineError check(JsonlLines lines, String endpoint, Set<String> customIds) {
        int line = lines.number();
        if (lines.tooLong()) {
            return new LineError("line_too_long", "This line is longer than " + maxLineBytes + " bytes.", null,
                    line);
        }
        JsonNode request;
        try {
            request = reader.readTree(lines.bytes(), 0, lines.length());
        } catch (IOException e) {
            return new LineError("invalid_json_line", "This line is not parseable as valid JSON.", null, line);
        }
        if (request == null || !request.isObject()) {
            return new LineError("invalid_json_line", "This line is not a JSON object.", null, line);
        }
        JsonNode customId = request.get("custom_id");
        if (customId == null || customId.isNull()) {
            return missing("custom_id", line);
        }
        if (!customId.isTextual() || customId.textValue().isEmpty()) {
            return invalid("custom_id", "must be a non-empty string", line);
        }
        if (!customIds.add(customId.textValue())) {
            return new LineError("duplicate_custom_id", "The custom_id '" + customId.textValue() + "' is used by an"
                    + " earlier line; each request's custom_id must be unique in a batch.", "custom_id", line);
        }
        JsonNode method = request.get("method");
        if (method == null || method.isNull()) {
            return missing("method", line);
        }
        if (!"POST".equals(method.asText(null)) || !method.isTextual()) {
            return new LineError("invalid_method", "The method " + method + " is not supported; batch requests use"
                    + " POST.", "method", line);
        }
        JsonNode url = request.get("url");
        if (url == null || url.isNull()) {
            return missing("url", line);
        }
        if (!url.isTextual() || !endpoint.equals(url.textValue())) {
            return new LineError("invalid_url", "The url " + url + " does not match the batch's endpoint '"
                    + endpoint + "'.", "url", line);
        }
        JsonNode body = request.get("body");
        if (body == null || body.isNull()) {
            return missing("body", line);
        }
        if (!body.isObject()) {
            return invalid("body", "must be a JSON object", line);
        }
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            return missing("body.model", line);
        }
        if (!model.isTextual() || model.textValue().isBlank()) {
            return invalid("body.model", "must be a non-empty string", line);
        }
        return null;
    }

    private static LineError missing(String param, int line) {
        return new LineError("missing_required_parameter", "Missing required parameter: '" + param + "'.", param,
                line);
    }

    private static LineError invalid(String param, String rule, int line) {
        return new LineError("invalid_value", "Invalid value for '" + param + "': it " + rule + ".", param, line);
    }
}
