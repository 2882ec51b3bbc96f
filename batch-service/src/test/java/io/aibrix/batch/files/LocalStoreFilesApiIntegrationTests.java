package io.aibrix.batch.files;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link FilesController} with files in the local directory store. */
class LocalStoreFilesApiIntegrationTests extends FilesApiContract {

    @TempDir
    static Path directory;

    @Override
    Map<String, String> storageProperties() {
        return Map.of("batch.storage.local.directory", directory.toString());
    }

    @Override
    String database() {
        return "files_local_store";
    }
}
