package io.aibrix.batch.files;

/** The answer to {@code DELETE /v1/files/{id}}: {@code {"id","object":"file","deleted":true}}. */
record FileDeleted(String id, String object, boolean deleted) {

    static FileDeleted of(String id) {
        return new FileDeleted(id, "file", true);
    }
}
