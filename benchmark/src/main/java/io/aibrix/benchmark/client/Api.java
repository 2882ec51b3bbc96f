package io.aibrix.benchmark.client;

/** Which OpenAI endpoint to load: chat messages or a flat completions prompt. */
public enum Api {

    CHAT("chat", "/v1/chat/completions"),
    COMPLETIONS("completions", "/v1/completions");

    private final String label;
    private final String path;

    Api(String label, String path) {
        this.label = label;
        this.path = path;
    }

    public String label() {
        return label;
    }

    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return label;
    }
}
