package io.aibrix.batch.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.aibrix.batch.openai.ApiException;
import io.aibrix.batch.openai.ListPage;
import io.aibrix.batch.owner.Owner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAI Files API. */
@RestController
@RequestMapping("/v1/files")
class FilesController {

    private final FileService files;
    private final FileUploader uploader;

    FilesController(FileService files, FileUploader uploader) {
        this.files = files;
        this.uploader = uploader;
    }

    @PostMapping
    FileObject upload(Owner owner, HttpServletRequest request) throws IOException {
        return uploader.upload(owner, boundary(request.getContentType()), request.getInputStream());
    }

    @GetMapping
    ListPage<FileObject> list(Owner owner, @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "10000") int limit, @RequestParam(defaultValue = "desc") String order,
            @RequestParam(required = false) @Nullable String purpose) {
        return files.list(owner, after, limit, order, purpose);
    }

    @GetMapping("/{id}")
    FileObject get(Owner owner, @PathVariable String id) {
        return files.get(owner, id);
    }

    /** The bytes as stored, whatever the {@code Accept} header says (the SDKs send {@code application/binary}). */
    @GetMapping("/{id}/content")
    void content(Owner owner, @PathVariable String id, HttpServletResponse response) throws IOException {
        FileObject file = files.get(owner, id);
        try (InputStream content = files.open(owner, id)) {
            response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            response.setContentLengthLong(file.bytes());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(file.filename()).build().toString());
            OutputStream out = response.getOutputStream();
            content.transferTo(out);
            out.flush();
        }
    }

    @DeleteMapping("/{id}")
    FileDeleted delete(Owner owner, @PathVariable String id) {
        return files.delete(owner, id);
    }

    private static String boundary(@Nullable String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)) {
            throw ApiException.unsupportedMediaType("Content-Type '" + contentType + "' is not supported: upload"
                    + " files as multipart/form-data with the fields 'file' and 'purpose'.");
        }
        String boundary = type.getParameter("boundary");
        if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw ApiException.badRequest("The multipart/form-data Content-Type has no valid boundary.", null,
                    null);
        }
        return boundary;
    }
}
