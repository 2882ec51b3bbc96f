package io.aibrix.gateway.discovery;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An engine address from configuration: {@code host:port}, {@code [ipv6]:port} or {@code http://host:port} (an
 * optional trailing {@code /} is allowed). The port is always explicit; no path, query, credentials or https.
 *
 * @param host host name or IP, IPv6 without brackets
 * @param port serving port
 */
record HostPort(String host, int port) {

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying why it is not an engine address. */
    static HostPort parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw malformed(text, "it is blank");
        }
        URI uri;
        try {
            uri = new URI(trimmed.contains("://") ? trimmed : "http://" + trimmed);
        }
        catch (URISyntaxException ex) {
            throw malformed(text, ex.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw malformed(text, "only http is supported");
        }
        if (uri.getHost() == null) {
            throw malformed(text, "no valid host");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw malformed(text, "no port in 1..65535");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))) {
            throw malformed(text, "only scheme, host and port are allowed");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostPort(host, uri.getPort());
    }

    private static IllegalArgumentException malformed(String text, String reason) {
        return new IllegalArgumentException(
                "malformed address '" + text + "' (expected host:port or http://host:port): " + reason);
    }
}
