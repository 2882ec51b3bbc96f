package io.aibrix.gateway.routing;

/** A weighted combination ({@code "least-request:2,least-kv-cache"}) that is malformed or cannot be scored. */
public class InvalidRoutingStrategyException extends RoutingException {

    private static final long serialVersionUID = 1L;

    private final String strategy;

    /**
     * @param strategy the whole specification as given
     * @param reason   what is wrong with it, naming the offending part
     */
    public InvalidRoutingStrategyException(String strategy, String reason) {
        super("invalid routing strategy '" + strategy + "': " + reason);
        this.strategy = strategy;
    }

    /** The whole specification as given. */
    public String strategy() {
        return strategy;
    }
}
