package io.aibrix.gateway.quota;

import java.util.Map;

import io.aibrix.gateway.openai.Usage;

import org.springframework.lang.Nullable;

/** An admitted request's hold on its quotas, ended once when the request ends. */
public interface QuotaTicket {

    /** The {@code x-ratelimit-*} headers for the response (empty when the caller has no limits). */
    Map<String, String> headers();

    /**
     * The request ended. Failed: everything it was charged is given back. Otherwise, with usage: its tokens are
     * settled to the usage; without: the reservation stands as the charge. Only the first call counts.
     */
    void end(@Nullable Usage usage, boolean failed);
}
