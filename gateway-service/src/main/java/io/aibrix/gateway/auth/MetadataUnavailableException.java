package io.aibrix.gateway.auth;

/** metadata-service could not answer a key lookup (down, slow, or refusing the gateway's token). */
final class MetadataUnavailableException extends RuntimeException {

    MetadataUnavailableException(String message) {
        super(message, null, false, false);
    }
}
