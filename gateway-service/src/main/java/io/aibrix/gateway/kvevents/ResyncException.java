package io.aibrix.gateway.kvevents;

/** The gateway's copy of an engine's cache can no longer be trusted: reconnect and start from a snapshot. */
final class ResyncException extends RuntimeException {

    private final Reason reason;

    ResyncException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    enum Reason {

        /** Events were missed. */
        GAP,

        /** The engine restarted and its new stream did not start with a snapshot. */
        RESTART,

        /** Lines came in an order the contract does not allow. */
        PROTOCOL
    }
}
