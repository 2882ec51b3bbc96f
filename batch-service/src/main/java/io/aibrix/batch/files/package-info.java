/**
 * The OpenAI Files API ({@code /v1/files}): streaming multipart upload into the {@code FileStore}, cursor-paged
 * listing, metadata, byte-exact download and deletion, each scoped to the caller's owner. {@link
 * io.aibrix.batch.files.FileService} is the entry point for other features (batch input and output files).
 */
package io.aibrix.batch.files;
