package io.aibrix.gateway.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Keys of a chat request's message prefixes: {@code keys[i]} stands for messages {@code 0..i} as the engine renders
 * them, chained like block hashes, so the first {@code k} messages of a longer conversation have the same key as a
 * {@code k}-message request. Everything else that changes the rendering goes into every key: the model, {@code tools}
 * and {@code chat_template_kwargs}. A request that sets {@code add_generation_prompt} or
 * {@code continue_final_message} itself is not {@linkplain Conversation#cacheable() cacheable}: its rendering of the
 * last message is not the one a longer conversation repeats.
 *
 * <p>Messages are keyed by their JSON as sent (so a client that reorders a message's fields gets a miss, never a wrong
 * hit); 64-bit FNV-1a over the bytes, then mixed.
 */
final class ChatPrefixes {

    private static final JsonFactory JSON = new JsonFactory();
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private ChatPrefixes() {
    }

    /**
     * @param model       the request's model
     * @param root        the key of everything but the messages (model, tools, template arguments)
     * @param keys        one key per message, in order
     * @param cacheable   whether prefixes of this conversation may be served from or stored in the cache
     * @param lastMessage the last message's JSON, compact
     * @param replies     per message, the length of its compact JSON when it is an {@code assistant} message, else 0
     */
    record Conversation(String model, long root, long[] keys, boolean cacheable, byte[] lastMessage, int[] replies) {

        long last() {
            return keys[keys.length - 1];
        }

        /**
         * The length of message {@code index + 1} when it is an assistant message that another message follows (the
         * reply to the prompt of messages {@code 0..index}), else 0.
         */
        int replyAfter(int index) {
            return index + 2 < keys.length ? replies[index + 1] : 0;
        }

        /** The key of all messages but the last (the root for a single message). */
        long history() {
            return keys.length > 1 ? keys[keys.length - 2] : root;
        }
    }

    /** The conversation of a chat request body; null when it is not a JSON object with a non-empty messages array. */
    static @Nullable Conversation of(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String model = null;
            long[] messages = null;
            byte[][] lastMessage = new byte[1][];
            int[][] replies = new int[1][];
            long context = FNV_OFFSET;
            boolean cacheable = true;
            ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "model" -> {
                        model = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "messages" -> messages = value == JsonToken.START_ARRAY ? messages(p, scratch, lastMessage, replies)
                            : null;
                    case "tools", "chat_template_kwargs" -> context = mix(context,
                            fnv(fnv(FNV_OFFSET, name.getBytes(UTF_8)),
                                    copy(p, scratch)));
                    case "add_generation_prompt", "continue_final_message" -> {
                        cacheable = false;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (model == null || messages == null || messages.length == 0) {
                return null;
            }
            long root = mix(context, fnv(FNV_OFFSET, model.getBytes(UTF_8)));
            long[] keys = new long[messages.length];
            long key = root;
            for (int i = 0; i < messages.length; i++) {
                key = mix(key, messages[i]);
                keys[i] = key;
            }
            return new Conversation(model, root, keys, cacheable, lastMessage[0], replies[0]);
        }
        catch (IOException e) {
            return null;
        }
    }

    /**
     * Each message's hash; the last message's JSON goes to {@code last[0]}, and the lengths of the assistant
     * messages (0 for the others) to {@code replies[0]}.
     */
    private static long[] messages(JsonParser p, ByteArrayOutputStream scratch, byte[][] last, int[][] replies)
            throws IOException {
        long[] hashes = new long[8];
        int[] lengths = new int[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == hashes.length) {
                hashes = Arrays.copyOf(hashes, n * 2);
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            boolean assistant = false;
            if (p.currentToken() == JsonToken.START_OBJECT) {
                assistant = copyMessage(p, scratch);
            }
            else {
                write(p, scratch);
            }
            last[0] = scratch.toByteArray();
            lengths[n] = assistant ? last[0].length : 0;
            hashes[n++] = fnv(FNV_OFFSET, last[0]);
        }
        replies[0] = Arrays.copyOf(lengths, n);
        return Arrays.copyOf(hashes, n);
    }

    /**
     * Copies a message object compactly into {@code scratch}, field by field (the same bytes as copying it whole);
     * true when its {@code role} is {@code assistant}.
     */
    private static boolean copyMessage(JsonParser p, ByteArrayOutputStream scratch) throws IOException {
        scratch.reset();
        boolean assistant = false;
        try (JsonGenerator g = JSON.createGenerator(scratch)) {
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && "role".equals(field)) {
                    assistant = "assistant".equals(p.getText());
                }
                g.writeFieldName(field);
                g.copyCurrentStructure(p);
            }
            g.writeEndObject();
        }
        return assistant;
    }

    /** The current value's JSON, re-serialized compactly (whitespace never changes a key). */
    private static byte[] copy(JsonParser p, ByteArrayOutputStream scratch) throws IOException {
        write(p, scratch);
        return scratch.toByteArray();
    }

    private static void write(JsonParser p, ByteArrayOutputStream scratch) throws IOException {
        scratch.reset();
        try (JsonGenerator g = JSON.createGenerator(scratch)) {
            g.copyCurrentStructure(p);
        }
    }

    static long fnv(long hash, byte[] bytes) {
        long h = hash;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    /** Order-dependent combination of a parent key and a value (Murmur3's finalizer over both). */
    static long mix(long parent, long value) {
        long k = parent * 31 + value;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
