package io.aibrix.gateway.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.aibrix.gateway.openai.InferenceApi;

import org.springframework.lang.Nullable;

import static io.aibrix.gateway.tokenize.ChatPrefixes.FNV_OFFSET;
import static io.aibrix.gateway.tokenize.ChatPrefixes.fnv;
import static io.aibrix.gateway.tokenize.ChatPrefixes.mix;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The free text at the end of a prompt, which {@link TextPrefixes} cuts into prefixes: a chat request's last message
 * when its {@code content} is a string, or a completions request's {@code prompt} when it is a string. Everything
 * before the text that changes its rendering (model, earlier messages, the last message's other fields, tools and
 * template arguments) is folded into {@link #context()}.
 *
 * @param model   the request's model
 * @param context key of everything the engine renders before the text
 * @param text    the text
 */
record PromptText(String model, long context, String text) {

    private static final JsonFactory JSON = new JsonFactory();
    private static final long CHAT = fnv(FNV_OFFSET, "chat".getBytes(UTF_8));
    private static final long COMPLETIONS = fnv(FNV_OFFSET, "completions".getBytes(UTF_8));

    /**
     * @param conversation the chat request's {@link ChatPrefixes} (null for other APIs)
     * @return the request's prompt text, or null when it has none (a list of content parts, token IDs, embeddings)
     */
    static @Nullable PromptText of(InferenceApi api, byte[] body, @Nullable ChatPrefixes.Conversation conversation) {
        try {
            return switch (api) {
                case CHAT_COMPLETIONS -> conversation == null ? null : ofChat(conversation);
                case COMPLETIONS -> ofCompletions(body);
                case EMBEDDINGS -> null;
            };
        }
        catch (IOException e) {
            return null;
        }
    }

    private static @Nullable PromptText ofChat(ChatPrefixes.Conversation conversation) throws IOException {
        long fields = FNV_OFFSET;
        String content = null;
        ByteArrayOutputStream scratch = new ByteArrayOutputStream(64);
        try (JsonParser p = JSON.createParser(conversation.lastMessage())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("content")) {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    content = p.getText();
                    continue;
                }
                scratch.reset();
                try (JsonGenerator g = JSON.createGenerator(scratch)) {
                    g.copyCurrentStructure(p);
                }
                fields = fnv(fnv(fields, name.getBytes(UTF_8)), scratch.toByteArray());
            }
        }
        if (content == null) {
            return null;
        }
        return new PromptText(conversation.model(), mix(mix(CHAT, conversation.history()), fields), content);
    }

    private static @Nullable PromptText ofCompletions(byte[] body) throws IOException {
        String model = null;
        String prompt = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("model") && value == JsonToken.VALUE_STRING) {
                    model = p.getText();
                }
                else if (name.equals("prompt") && value == JsonToken.VALUE_STRING) {
                    prompt = p.getText();
                }
                else {
                    p.skipChildren();
                }
            }
        }
        if (model == null || prompt == null) {
            return null;
        }
        return new PromptText(model, mix(COMPLETIONS, fnv(FNV_OFFSET, model.getBytes(UTF_8))), prompt);
    }
}
