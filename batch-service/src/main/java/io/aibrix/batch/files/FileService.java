package io.aibrix.batch.files;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.aibrix.batch.openai.ApiException;
import io.aibrix.batch.openai.ListPage;
import io.aibrix.batch.openai.OpenAiIds;
import io.aibrix.batch.owner.Owner;
import io.aibrix.batch.storage.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Limit;
import org.springframework.lang.Nullable;

/**
 * Files of an owner: create, look up, list, open and delete. Bytes go to the {@link FileStore} first and the row is
 * inserted once they are complete, so a listed file always has its bytes; a crash in between leaves at most an
 * unreferenced object.
 */
public class FileService {

    /** OpenAI's bounds for {@code limit} on {@code GET /v1/files}. */
    static final int MAX_LIST_LIMIT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    private static final String KEY_PREFIX = "files/";

    private final FileRepository files;
    private final FileStore store;
    private final Clock clock;

    FileService(FileRepository files, FileStore store, Clock clock) {
        this.files = files;
        this.store = store;
        this.clock = clock;
    }

    /** Stores {@code content} as a new file of {@code owner}, e.g. a batch's output file. */
    public FileObject create(Owner owner, String filename, FilePurpose purpose, InputStream content)
            throws IOException {
        String id = newId();
        long bytes = store.write(storageKey(id), content);
        return register(owner, id, filename, purpose, bytes);
    }

    /** The file, if it exists for this owner. */
    public FileObject get(Owner owner, String id) {
        return FileObject.of(live(owner, id));
    }

    /** Opens the bytes of the owner's file; the caller closes the stream. */
    public InputStream open(Owner owner, String id) throws IOException {
        return store.read(live(owner, id).storageKey());
    }

    /** A cursor page, newest first for {@code desc}; {@code after} is the id of the last file of the previous page. */
    ListPage<FileObject> list(Owner owner, @Nullable String after, int limit, String order,
            @Nullable String purpose) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw ApiException.badRequest("Invalid value for 'limit': " + limit + ". It must be between 1 and "
                    + MAX_LIST_LIMIT + ".", "limit", "invalid_value");
        }
        boolean ascending = switch (order) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.invalidValue("order", order, "'asc', 'desc'");
        };
        Long cursor = after == null || after.isEmpty() ? null : files.findSeq(owner.id(), after)
                .orElseThrow(() -> ApiException.badRequest("Invalid value for 'after': no file '" + after + "'.",
                        "after", "invalid_value"));
        Limit onePastPage = Limit.of(limit + 1);
        String purposeFilter = purpose == null || purpose.isEmpty() ? null : purpose;
        List<FileEntity> rows = ascending
                ? files.pageAscending(owner.id(), purposeFilter, cursor == null ? 0 : cursor, onePastPage)
                : files.pageDescending(owner.id(), purposeFilter, cursor == null ? Long.MAX_VALUE : cursor,
                        onePastPage);
        boolean hasMore = rows.size() > limit;
        List<FileObject> page = rows.stream().limit(limit).map(FileObject::of).toList();
        return ListPage.of(page, FileObject::id, hasMore);
    }

    /** Deletes the owner's file: it disappears from the API at once, its bytes right after. */
    FileDeleted delete(Owner owner, String id) {
        FileEntity file = live(owner, id);
        if (files.markDeleted(owner.id(), id, now()) == 0) {
            throw notFound(id);
        }
        try {
            store.delete(file.storageKey());
        } catch (IOException | RuntimeException e) {
            log.warn("File {} is deleted but its bytes at '{}' could not be removed", id, file.storageKey(), e);
        }
        return FileDeleted.of(id);
    }

    /** Records a file whose bytes are already stored under {@link #storageKey(String) storageKey(id)}. */
    FileObject register(Owner owner, String id, String filename, FilePurpose purpose, long bytes) {
        FileEntity file = new FileEntity(id, owner.id(), filename, purpose.value(), bytes, storageKey(id), now());
        return FileObject.of(files.save(file));
    }

    static String newId() {
        return OpenAiIds.next("file-");
    }

    static String storageKey(String id) {
        return KEY_PREFIX + id;
    }

    private FileEntity live(Owner owner, String id) {
        return files.findLive(owner.id(), id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No such File object: " + id, "id");
    }

    /** PostgreSQL keeps microseconds; truncating keeps what is returned equal to what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
