/**
 * Where file bytes live: {@link io.aibrix.batch.storage.FileStore} with a local-directory implementation (the default)
 * and an S3 one (AWS SDK v2, path-style for S3-compatible stores), chosen by whether a bucket is configured.
 */
package io.aibrix.batch.storage;
