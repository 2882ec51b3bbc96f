package io.aibrix.batch.execution;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.validation.JsonlLines;

import org.springframework.lang.Nullable;

/** The request lines of a validated input file, streamed one at a time; blank lines are skipped. */
public final class InputLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request line.
     *
     * @param body the request body to send, or null if the line is unusable (it passed validation, so only if the
     *             file changed under the batch)
     */
    public record InputLine(int lineNo, String customId, @Nullable byte[] body) {
    }

    private final JsonlLines lines;

    public InputLines(InputStream in, int maxLineBytes) {
        this.lines = new JsonlLines(in, maxLineBytes);
    }

    /** The next request line, or null at the end of the file. */
    public @Nullable InputLine next() throws IOException {
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            int number = lines.number();
            if (lines.tooLong()) {
                return new InputLine(number, "line-" + number, null);
            }
            try {
                JsonNode request = JSON.readTree(lines.bytes(), 0, lines.length());
                JsonNode customId = request == null ? null : request.get("custom_id");
                JsonNode body = request == null ? null : request.get("body");
                String id = customId != null && customId.isTextual() ? customId.textValue() : "line-" + number;
                return new InputLine(number, id, body != null && body.isObject() ? JSON.writeValueAsBytes(body)
                        : null);
            } catch (IOException e) {
                return new InputLine(number, "line-" + number, null);
            }
        }
        return null;
    }
}
