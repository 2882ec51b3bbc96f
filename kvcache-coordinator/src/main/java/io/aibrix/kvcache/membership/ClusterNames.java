package io.aibrix.kvcache.membership;

import java.util.regex.Pattern;

/** Cluster and node names: DNS-1123 subdomains (pod names are), at most 253 characters. */
final class ClusterNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private ClusterNames() {
    }

    static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }
}
