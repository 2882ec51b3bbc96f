package io.aibrix.gateway.auth;

import org.springframework.lang.Nullable;

/**
 * What metadata-service answered for a key: its caller, or {@link #UNKNOWN} for a key that is unknown or revoked.
 *
 * @param caller null for an unknown or revoked key
 */
record KeyLookup(@Nullable Caller caller) {

    static final KeyLookup UNKNOWN = new KeyLookup(null);

    static KeyLookup found(Caller caller) {
        return new KeyLookup(caller);
    }

    boolean known() {
        return caller != null;
    }
}
