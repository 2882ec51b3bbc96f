package io.aibrix.batch.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.batches.BatchRow;
import io.aibrix.batch.files.FileObject;
import io.aibrix.batch.files.FilePurpose;
import io.aibrix.batch.files.FileService;
import io.aibrix.batch.owner.Owner;
import io.aibrix.batch.results.LineResult;
import io.aibrix.batch.results.ResultStore;

import org.springframework.lang.Nullable;

/**
 * Assembles a batch's output file (successes) and error file (everything else) from its stored results in line
 * order, through a temporary file so neither the results nor the file are ever held in memory.
 */
class OutputFiles {

    /** The ids of the assembled files, null where there was nothing to write. */
    record Assembled(@Nullable String outputFileId, @Nullable String errorFileId) {
    }

    private final ResultStore results;
    private final FileService files;
    private final ObjectMapper json = new ObjectMapper();

    OutputFiles(ResultStore results, FileService files) {
        this.results = results;
        this.files = files;
    }

    Assembled assemble(BatchRow batch) throws IOException {
        String output = batch.completed() > 0 ? write(batch, true) : null;
        String errors = batch.failed() > 0 ? write(batch, false) : null;
        return new Assembled(output, errors);
    }

    private String write(BatchRow batch, boolean succeeded) throws IOException {
        Path temp = Files.createTempFile(batch.id(), ".jsonl");
        try {
            try (OutputStream out = Files.newOutputStream(temp);
                    JsonGenerator generator = json.getFactory().createGenerator(out)) {
                generator.setRootValueSeparator(null);
                results.forEachInOrder(batch.id(), succeeded, result -> line(generator, result));
            }
            String filename = batch.id() + (succeeded ? "_output.jsonl" : "_error.jsonl");
            try (InputStream in = Files.newInputStream(temp)) {
                FileObject file = files.create(new Owner(batch.owner()), filename, FilePurpose.BATCH_OUTPUT, in);
                return file.id();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void line(JsonGenerator out, LineResult result) {
        try {
            out.writeStartObject();
            out.writeStringField("id", result.requestId());
            out.writeStringField("custom_id", result.customId());
            if (result.statusCode() != null) {
                out.writeObjectFieldStart("response");
                out.writeNumberField("status_code", result.statusCode());
                out.writeStringField("request_id", result.upstreamRequestId() != null ? result.upstreamRequestId()
                        : result.requestId());
                out.writeFieldName("body");
                writeBody(out, result.responseBody());
                out.writeEndObject();
                out.writeNullField("error");
            } else {
                out.writeNullField("response");
                out.writeObjectFieldStart("error");
                out.writeStringField("code", result.errorCode());
                out.writeStringField("message", result.errorMessage());
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as JSON when it is JSON (it normally is), else as a string, e.g. a proxy's HTML error page. */
    private void writeBody(JsonGenerator out, @Nullable String body) throws IOException {
        JsonNode tree = null;
        if (body != null) {
            try {
                tree = json.readTree(body);
            } catch (IOException e) {
                tree = null;
            }
        }
        if (tree != null && !tree.isMissingNode()) {
            out.writeTree(tree);
        } else {
            out.writeString(body);
        }
    }
}
