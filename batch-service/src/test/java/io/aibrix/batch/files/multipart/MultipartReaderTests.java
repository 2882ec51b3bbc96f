package io.aibrix.batch.files.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Tests for {@link MultipartReader}. */
class MultipartReaderTests {

    private static final String BOUNDARY = "----boundary42";

    @Test
    void readsFieldsAndFileInOrder() throws IOException {
        byte[] body = multipart(field("purpose", "batch"), file("file", "in.jsonl", "{\"a\":1}\n{\"b\":2}\n"));

        List<String> parts = readAll(new ByteArrayInputStream(body));

        assertThat(parts).containsExactly("purpose|null|batch", "file|in.jsonl|{\"a\":1}\n{\"b\":2}\n");
    }

    @Test
    void returnsExactBytesWhenTheInputArrivesOneByteAtATime() throws IOException {
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        byte[] body = multipart(file("file", "random.bin", content), field("purpose", "user_data"));

        MultipartReader reader = new MultipartReader(trickle(new ByteArrayInputStream(body)), BOUNDARY);
        Part file = reader.next();
        byte[] read = file.body().readAllBytes();
        Part purpose = reader.next();

        assertThat(read).isEqualTo(content);
        assertThat(file.filename()).isEqualTo("random.bin");
        assertThat(new String(purpose.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("user_data");
        assertThat(reader.next()).isNull();
    }

    @Test
    void keepsDataThatAlmostMatchesTheBoundary() throws IOException {
        String tricky = "x\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "\r\n--\r\n-" + "\r";
        byte[] body = multipart(file("file", "t.txt", tricky));

        assertThat(readAll(new ByteArrayInputStream(body))).containsExactly("file|t.txt|" + tricky);
    }

    @Test
    void skipsUnreadPartsAndThePreamble() throws IOException {
        byte[] body = concat("preamble text\r\n".getBytes(StandardCharsets.US_ASCII),
                multipart(file("file", "big.bin", new byte[300_000]), field("purpose", "batch")));

        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
        assertThat(reader.next().name()).isEqualTo("file");
        Part purpose = reader.next();

        assertThat(purpose.name()).isEqualTo("purpose");
        assertThat(purpose.body().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("batch");
        assertThat(reader.next()).isNull();
    }

    @Test
    void decodesUtf8AndRfc5987FileNames() throws IOException {
        byte[] body = multipart(
                part("Content-Disposition: form-data; name=\"file\"; filename=\"données.jsonl\"", "x"),
                part("Content-Disposition: form-data; name=\"other\"; filename*=UTF-8''%C3%A9t%C3%A9.txt", "y"));

        assertThat(readAll(new ByteArrayInputStream(body)))
                .containsExactly("file|données.jsonl|x", "other|été.txt|y");
    }

    @Test
    void rejectsABodyWithoutClosingBoundary() {
        byte[] complete = multipart(file("file", "a.jsonl", "data"));
        byte[] truncated = Arrays.copyOf(complete, complete.length - 10);

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(truncated)))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("closing boundary");
    }

    @Test
    void rejectsAPartWithoutContentDisposition() {
        byte[] body = multipart(part("Content-Type: text/plain", "x"));

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(body)))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("Content-Disposition");
    }

    @Test
    void rejectsABodyThatIsNotMultipart() {
        byte[] body = "{\"purpose\":\"batch\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(body)))
                .isInstanceOf(MalformedMultipartException.class);
    }

    private static List<String> readAll(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, BOUNDARY);
        List<String> parts = new ArrayList<>();
        for (Part part = reader.next(); part != null; part = reader.next()) {
            parts.add(part.name() + "|" + part.filename() + "|"
                    + new String(part.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return parts;
    }

    /** Returns one byte per read call, the worst case for boundary detection across buffer refills. */
    private static InputStream trickle(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static byte[] field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"", value);
    }

    private static byte[] file(String name, String filename, String content) {
        return file(name, filename, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] file(String name, String filename, byte[] content) {
        return concat(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8), content);
    }

    private static byte[] part(String headers, String content) {
        return (headers + "\r\n\r\n" + content).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipart(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
