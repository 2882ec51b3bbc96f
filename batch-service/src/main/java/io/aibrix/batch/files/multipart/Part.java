package io.aibrix.batch.files.multipart;

import java.io.InputStream;

import org.springframework.lang.Nullable;

/**
 * One part of a multipart body. Its {@link #body()} is valid until the next call to {@link MultipartReader#next()}.
 *
 * @param name        the {@code name} of its {@code Content-Disposition}
 * @param filename    the {@code filename}, null for plain form fields
 * @param contentType its {@code Content-Type}, or null
 * @param body        its bytes, ending where the part ends
 */
public record Part(String name, @Nullable String filename, @Nullable String contentType, InputStream body) {
}
