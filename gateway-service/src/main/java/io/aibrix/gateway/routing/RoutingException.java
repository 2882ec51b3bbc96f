package io.aibrix.gateway.routing;

/** A routing strategy specification that cannot be used; the request path answers 400 with the message. */
public class RoutingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoutingException(String message) {
        super(message);
    }
}
