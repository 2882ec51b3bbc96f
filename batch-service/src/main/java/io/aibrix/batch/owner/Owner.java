package io.aibrix.batch.owner;

import java.util.Objects;

/**
 * The caller that owns files and batches. Declare it as a controller method parameter to receive the caller.
 *
 * @param id the owner's identifier, never blank, at most {@link #MAX_LENGTH} characters
 */
public record Owner(String id) {

    /** The width of the owner columns. */
    public static final int MAX_LENGTH = 255;

    public Owner {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Owner must be 1 to " + MAX_LENGTH + " characters: '" + id + "'");
        }
    }
}
