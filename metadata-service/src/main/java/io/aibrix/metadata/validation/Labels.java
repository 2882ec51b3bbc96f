package io.aibrix.metadata.validation;

/** Kubernetes label syntax, shared by adapter pod selectors and the labels engines register with. */
public final class Labels {

    /** A label key: an optional DNS-subdomain prefix and '/', then a name. */
    public static final String KEY = "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?";

    public static final String KEY_MESSAGE = "must be a Kubernetes label key ([prefix/]name)";

    public static final String VALUE = "([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?";

    public static final String VALUE_MESSAGE = "must be a Kubernetes label value";

    private Labels() {
    }
}
