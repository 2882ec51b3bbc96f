package io.aibrix.batch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files under a local directory. Writes go to a temporary file beside the target and are renamed into place once
 * complete, so readers never see a partial object and a crash leaves at most a stray temporary file.
 */
final class LocalFileStore implements FileStore {

    private static final String TEMP_SUFFIX = ".part";

    private final Path root;

    LocalFileStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString() + ".", TEMP_SUFFIX);
        try {
            long bytes;
            try (OutputStream out = Files.newOutputStream(temp)) {
                bytes = content.transferTo(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        return root.resolve(FileStore.requireValidKey(key));
    }

    @Override
    public String toString() {
        return "local directory " + root;
    }
}
