package io.aibrix.gateway.kvevents;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What an engine's {@code GET /server_info} says about its KV cache and event feed.
 *
 * @param engineId        random per engine process; a new one means the engine restarted
 * @param model           the served base model, under which blocks with {@code lora_name: null} are keyed
 * @param blockSize       tokens per KV block
 * @param kvEventsEnabled whether the engine publishes block events (the feed is on and prefix caching is enabled)
 * @param eventsPath      the feed's path, {@code /v1/kv-events}
 */
record ServerInfo(String engineId, String model, int blockSize, boolean kvEventsEnabled, String eventsPath) {

    private static final JsonFactory FACTORY = new JsonFactory();

    static final String DEFAULT_EVENTS_PATH = "/v1/kv-events";

    ServerInfo {
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(eventsPath, "eventsPath");
    }

    /**
     * Reads the body with Jackson's streaming parser (no data-binding caches, whose locks could park an event loop).
     *
     * @throws IllegalArgumentException when the body is not a {@code /server_info} answer (no {@code engine_id},
     *                                  {@code model} or {@code block_size}): the engine does not publish events then
     */
    static ServerInfo parse(byte[] body) {
        String engineId = null;
        String model = null;
        int blockSize = -1;
        boolean enabled = false;
        String path = DEFAULT_EVENTS_PATH;
        try (JsonParser json = FACTORY.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("/server_info is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "engine_id" -> engineId = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "model" -> model = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "block_size" -> blockSize = value == JsonToken.VALUE_NUMBER_INT ? json.getIntValue() : -1;
                    case "kv_events" -> {
                        if (value != JsonToken.START_OBJECT) {
                            json.skipChildren();
                            continue;
                        }
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String field = json.currentName();
                            JsonToken token = json.nextToken();
                            if ("enabled".equals(field)) {
                                enabled = token == JsonToken.VALUE_TRUE;
                            }
                            else if ("path".equals(field) && token == JsonToken.VALUE_STRING) {
                                path = json.getText();
                            }
                            else {
                                json.skipChildren();
                            }
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("/server_info is not JSON", ex);
        }
        if (engineId == null || model == null || blockSize < 1) {
            throw new IllegalArgumentException("/server_info lacks engine_id, model or block_size");
        }
        return new ServerInfo(engineId, model, blockSize, enabled, path);
    }
}
