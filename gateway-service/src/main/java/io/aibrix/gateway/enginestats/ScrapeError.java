package io.aibrix.gateway.enginestats;

import java.util.concurrent.TimeoutException;

import io.aibrix.gateway.enginestats.PrometheusTextParser.MalformedPageException;

/** Why a scrape failed; the {@code reason} tag of {@code gateway.engine.metrics.scrape.errors}. */
enum ScrapeError {

    /** No complete page within {@code gateway.engine-stats.timeout}. */
    TIMEOUT("timeout"),
    /** The engine could not be reached, or the connection broke mid-response. */
    CONNECT("connect"),
    /** The engine answered with a status other than 200. */
    STATUS("status"),
    /** The page is not readable Prometheus text. */
    PARSE("parse");

    private final String tag;

    ScrapeError(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    static ScrapeError of(Throwable failure) {
        if (failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException) {
            return TIMEOUT;
        }
        if (failure instanceof StatusException) {
            return STATUS;
        }
        if (failure instanceof MalformedPageException) {
            return PARSE;
        }
        return CONNECT;
    }

    /** The engine answered {@code /metrics} with a non-200 status. */
    static final class StatusException extends RuntimeException {

        StatusException(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
