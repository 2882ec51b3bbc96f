package io.aibrix.gateway.routing;

import java.util.List;

/** A strategy name (alone or inside a weighted combination) that no registered strategy has. */
public class UnknownRoutingStrategyException extends RoutingException {

    private static final long serialVersionUID = 1L;

    private final String strategy;

    private final List<String> validNames;

    /**
     * @param strategy   the unknown name
     * @param validNames the registered names, sorted
     */
    public UnknownRoutingStrategyException(String strategy, List<String> validNames) {
        super("unknown routing strategy '" + strategy + "'; valid strategies: " + String.join(", ", validNames));
        this.strategy = strategy;
        this.validNames = List.copyOf(validNames);
    }

    /** The unknown name as the caller gave it. */
    public String strategy() {
        return strategy;
    }

    /** The registered names, sorted. */
    public List<String> validNames() {
        return validNames;
    }
}
