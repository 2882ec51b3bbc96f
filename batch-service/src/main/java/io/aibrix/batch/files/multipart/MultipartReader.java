package io.aibrix.batch.files.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.lang.Nullable;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part from a stream, holding at most one buffer of
 * {@link #BUFFER_SIZE} bytes plus the current header block.
 *
 * <p>Not thread-safe. Typical use: {@code for (Part p; (p = reader.next()) != null; ) { ... p.body() ... }}; a part's
 * unread bytes are skipped by the following {@code next()}.
 */
public final class MultipartReader {

    static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BOUNDARY_LENGTH = 70;

    private final InputStream in;
    /** CRLF "--" boundary: every boundary line, the first included once the body is seen as preceded by CRLF. */
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private PartBody current;
    private boolean finished;

    public MultipartReader(InputStream in, String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new IllegalArgumentException("A multipart boundary has 1 to 70 characters: '" + boundary + "'");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER_SIZE];
        // Pretend the body starts with CRLF, so the first boundary line matches the delimiter like every other.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
        current = new PartBody();
    }

    /**
     * Skips what is left of the current part and returns the next one, or null after the closing boundary.
     *
     * @throws MalformedMultipartException if the body is not well-formed multipart
     */
    public @Nullable Part next() throws IOException {
        if (finished) {
            return null;
        }
        current.skipToEnd();
        if (!available(2)) {
            throw new MalformedMultipartException("Multipart body ended after a boundary");
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return null;
        }
        String line = readLine();
        if (!line.isBlank()) {
            throw new MalformedMultipartException("Unexpected characters after a multipart boundary");
        }
        return readHeaders();
    }

    private Part readHeaders() throws IOException {
        String disposition = null;
        String contentType = null;
        int headerBytes = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("Multipart part headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("Malformed multipart part header: '" + line + "'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-disposition" -> disposition = value;
                case "content-type" -> contentType = value;
                default -> {
                    // Other part headers (Content-Transfer-Encoding is deprecated by RFC 7578) carry nothing we use.
                }
            }
        }
        if (disposition == null) {
            throw new MalformedMultipartException("A multipart part has no Content-Disposition header");
        }
        ContentDisposition parsed;
        try {
            parsed = ContentDisposition.parse(disposition);
        } catch (IllegalArgumentException e) {
            throw new MalformedMultipartException("Malformed Content-Disposition: '" + disposition + "'");
        }
        if (!parsed.isFormData() || parsed.getName() == null) {
            throw new MalformedMultipartException("A multipart part is not form-data with a name: '" + disposition
                    + "'");
        }
        current = new PartBody();
        return new Part(parsed.getName(), parsed.getFilename(), contentType, current);
    }

    /** A header line without its CRLF, decoded as UTF-8 (what clients send for non-ASCII file names). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (!available(2)) {
                throw new MalformedMultipartException("Multipart body ended inside part headers");
            }
            if (buffer[position] == '\r' && buffer[position + 1] == '\n') {
                position += 2;
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(buffer[position++]);
            if (line.size() > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("A multipart header line exceeds " + MAX_HEADER_BYTES + " bytes");
            }
        }
    }

    /** Whether at least {@code count} bytes are buffered after filling as needed. */
    private boolean available(int count) throws IOException {
        while (limit - position < count) {
            if (endOfInput) {
                return false;
            }
            fill();
        }
        return true;
    }

    /** Moves the unread bytes to the front and reads more after them. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }

    /** Index of a delimiter lying wholly in {@code buffer[from, to)}, or -1. */
    private int indexOfDelimiter(int from, int to) {
        int last = to - delimiter.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buffer[i] != delimiter[0]) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The bytes of the current part, up to (not including) the next delimiter, which it consumes. */
    private final class PartBody extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended || current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                // Scan only what this call can return plus a delimiter's length, not the whole buffer each time.
                int windowEnd = (int) Math.min(limit, (long) position + length + delimiter.length - 1);
                int delimiterAt = indexOfDelimiter(position, windowEnd);
                if (delimiterAt == position) {
                    position += delimiter.length;
                    ended = true;
                    return -1;
                }
                // Bytes before a found delimiter are data; without one, keep a tail that may start the delimiter.
                int safe = delimiterAt >= 0 ? delimiterAt - position : windowEnd - position - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(length, safe);
                    System.arraycopy(buffer, position, target, offset, n);
                    position += n;
                    return n;
                }
                if (endOfInput) {
                    throw new MalformedMultipartException("Multipart body ended before its closing boundary");
                }
                fill();
            }
        }

        void skipToEnd() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
