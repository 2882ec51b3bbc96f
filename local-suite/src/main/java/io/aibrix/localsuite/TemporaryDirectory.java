package io.aibrix.localsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the launcher's temporary data directory once the services using it have stopped. */
final class TemporaryDirectory {

    private TemporaryDirectory() {
    }

    /** Deletes {@code directory} and everything in it, best effort: what cannot be deleted stays. */
    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ex) {
                    // Left for the system's temporary-file cleanup.
                }
            });
        }
        catch (IOException | UncheckedIOException ex) {
            // Same: nothing more to do from a shutdown hook.
        }
    }
}
