package io.aibrix.batch.files.multipart;

import java.io.IOException;

/** The request body is not well-formed {@code multipart/form-data}. */
public final class MalformedMultipartException extends IOException {

    MalformedMultipartException(String message) {
        super(message);
    }
}
