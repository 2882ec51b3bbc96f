package io.aibrix.benchmark.client;

import java.net.URI;
import java.net.URISyntaxException;

/** An engine or gateway base URL and the {@code host:port} recorded as its pod. */
public record Target(URI baseUri, String pod) {

    /** Parses an {@code http(s)://host[:port][/path]} base URL; throws IllegalArgumentException naming it. */
    public static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + ex.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s)://host[:port] URL");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(uri, uri.getHost() + ":" + port);
    }

    /** The base URL joined with an absolute API path, keeping any path prefix of the base URL. */
    public URI endpoint(String path) {
        String base = baseUri.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
