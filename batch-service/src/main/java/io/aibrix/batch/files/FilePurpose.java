package io.aibrix.batch.files;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** OpenAI's file purposes: those a client may upload, and the ones this service creates itself. */
public enum FilePurpose {

    ASSISTANTS("assistants", true),
    BATCH("batch", true),
    FINE_TUNE("fine-tune", true),
    VISION("vision", true),
    USER_DATA("user_data", true),
    EVALS("evals", true),
    /** Output and error files of batches; created by the service, never uploaded. */
    BATCH_OUTPUT("batch_output", false);

    private final String value;
    private final boolean uploadable;

    FilePurpose(String value, boolean uploadable) {
        this.value = value;
        this.uploadable = uploadable;
    }

    /** The wire value, e.g. {@code fine-tune}. */
    public String value() {
        return value;
    }

    /** The purpose a client may upload with this wire value. */
    static Optional<FilePurpose> uploadable(String value) {
        return Arrays.stream(values()).filter(p -> p.uploadable && p.value.equals(value)).findFirst();
    }

    /** The uploadable wire values, for error messages. */
    static String uploadableValues() {
        return Arrays.stream(values()).filter(p -> p.uploadable).map(p -> "'" + p.value + "'")
                .collect(Collectors.joining(", "));
    }
}
