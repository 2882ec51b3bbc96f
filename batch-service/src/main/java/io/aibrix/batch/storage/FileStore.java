package io.aibrix.batch.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Object storage for file bytes, streamed in and out: no implementation holds a whole file in memory.
 *
 * <p>Keys are relative, slash-separated paths of letters, digits, {@code . _ -} (no empty, {@code .} or {@code ..}
 * segments), e.g. {@code files/file-abc}.
 */
public interface FileStore {

    /**
     * Stores everything {@code content} yields under {@code key}, replacing any object there, and returns the byte
     * count. The object becomes visible only once complete: if reading {@code content} or storing fails, the
     * exception propagates unchanged and nothing is left under {@code key}.
     */
    long write(String key, InputStream content) throws IOException;

    /**
     * Opens the object for reading; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException if there is no object under {@code key}
     */
    InputStream read(String key) throws IOException;

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key) throws IOException;

    /** Checks a key against the rules above. */
    static String requireValidKey(String key) {
        if (key == null || !key.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")) {
            throw new IllegalArgumentException("Invalid storage key: '" + key + "'");
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Invalid storage key: '" + key + "'");
            }
        }
        return key;
    }
}
