package io.aibrix.batch.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.aibrix.batch.files.multipart.MalformedMultipartException;
import io.aibrix.batch.files.multipart.MultipartReader;
import io.aibrix.batch.files.multipart.Part;
import io.aibrix.batch.openai.ApiException;
import io.aibrix.batch.owner.Owner;
import io.aibrix.batch.storage.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

/**
 * {@code POST /v1/files}: reads the multipart body part by part and streams the {@code file} part into the store
 * while counting its bytes, so an upload is never held in memory and an oversized one stops at the limit.
 *
 * <p>Clients send {@code purpose} before or after {@code file} (the SDKs differ). Before, its limit and extension
 * rule apply while streaming; after, the largest limit applies while streaming and the purpose's rules once it is
 * known, deleting the stored bytes if they break them.
 */
class FileUploader {

    private static final Logger log = LoggerFactory.getLogger(FileUploader.class);
    private static final int MAX_FIELD_BYTES = 256;
    private static final int MAX_FILENAME_LENGTH = 1024;

    private final FileService files;
    private final FileStore store;
    private final FilesProperties properties;

    FileUploader(FileService files, FileStore store, FilesProperties properties) {
        this.files = files;
        this.store = store;
        this.properties = properties;
    }

    private record Stored(String id, String filename, long bytes) {
    }

    FileObject upload(Owner owner, String boundary, InputStream body) throws IOException {
        MultipartReader reader = new MultipartReader(body, boundary);
        String purposeValue = null;
        Stored stored = null;
        try {
            for (Part part = reader.next(); part != null; part = reader.next()) {
                switch (part.name()) {
                    case "purpose" -> purposeValue = readField(part);
                    case "file" -> {
                        if (stored != null) {
                            throw ApiException.badRequest("Only one 'file' may be uploaded per request.", "file",
                                    "invalid_value");
                        }
                        stored = store(part, purposeValue);
                    }
                    default -> {
                        // Other fields (e.g. expires_after[...]) are accepted and ignored: files do not expire.
                    }
                }
            }
            if (stored == null) {
                throw ApiException.missingParameter("file");
            }
            if (purposeValue == null) {
                throw ApiException.missingParameter("purpose");
            }
            FilePurpose purpose = purpose(purposeValue);
            checkFilename(purpose, stored.filename());
            checkSize(purpose, stored.bytes());
            FileObject file = files.register(owner, stored.id(), stored.filename(), purpose, stored.bytes());
            stored = null;
            return file;
        } catch (MalformedMultipartException e) {
            throw ApiException.badRequest("Malformed multipart/form-data body: " + e.getMessage(), null, null);
        } finally {
            if (stored != null) {
                discard(stored);
            }
        }
    }

    private Stored store(Part part, @Nullable String purposeValue) throws IOException {
        String filename = filename(part);
        FilePurpose purpose = purposeValue == null ? null : purpose(purposeValue);
        if (purpose != null) {
            checkFilename(purpose, filename);
        }
        long limit = purpose == null ? properties.maxFileSize().toBytes() : properties.limit(purpose);
        String id = FileService.newId();
        try {
            long bytes = store.write(FileService.storageKey(id), new LimitedInputStream(part.body(), limit));
            return new Stored(id, filename, bytes);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw tooLarge(purpose == null ? "" : " for purpose '" + purpose.value() + "'", limit);
        }
    }

    private void checkSize(FilePurpose purpose, long bytes) {
        long limit = properties.limit(purpose);
        if (bytes > limit) {
            throw tooLarge(" for purpose '" + purpose.value() + "'", limit);
        }
    }

    private static void checkFilename(FilePurpose purpose, String filename) {
        if (purpose == FilePurpose.BATCH && !filename.toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
            throw ApiException.badRequest("Invalid file '" + filename + "': files with purpose 'batch' must be"
                    + " .jsonl files.", "file", "invalid_file_format");
        }
    }

    private static FilePurpose purpose(String value) {
        return FilePurpose.uploadable(value).orElseThrow(
                () -> ApiException.invalidValue("purpose", value, FilePurpose.uploadableValues()));
    }

    /** The last path segment of the part's filename: some clients send a full path. */
    private static String filename(Part part) {
        String raw = part.filename();
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("The 'file' part has no filename.", "file", "invalid_value");
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.length() > MAX_FILENAME_LENGTH) {
            throw ApiException.badRequest("Invalid filename '" + raw + "'.", "file", "invalid_value");
        }
        return name;
    }

    private static String readField(Part part) throws IOException {
        byte[] value = part.body().readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw ApiException.badRequest("The '" + part.name() + "' field is longer than " + MAX_FIELD_BYTES
                    + " bytes.", part.name(), "invalid_value");
        }
        return new String(value, StandardCharsets.UTF_8).strip();
    }

    private static ApiException tooLarge(String scope, long limit) {
        return ApiException.tooLarge("File is too large: the maximum size" + scope + " is " + size(limit) + ".",
                "file");
    }

    private static String size(long bytes) {
        long mb = 1024 * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
    }

    private void discard(Stored stored) {
        try {
            store.delete(FileService.storageKey(stored.id()));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the bytes of rejected upload {}", stored.id(), e);
        }
    }
}
