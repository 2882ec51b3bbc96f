/**
 * A streaming {@code multipart/form-data} reader: parts are handed out one at a time as streams over the request
 * body, so an upload goes to storage as it arrives instead of being buffered in memory or on disk first.
 */
package io.aibrix.batch.files.multipart;
