package io.aibrix.simulator.tokenizer;

import java.util.List;

/**
 * Llama-3's chat template over the word tokenizer:
 * {@code <|begin_of_text|>} then per message {@code <|start_header_id|> role <|end_header_id|> content <|eot_id|>},
 * then the generation prompt {@code <|start_header_id|> assistant <|end_header_id|>}. Because generated tokens follow
 * the generation prompt directly, a next turn that repeats the reply shares every earlier block with the previous
 * request's sequence, which is what makes multi-turn prefix hits work.
 */
public final class ChatTemplate {

    private final WordTokenizer tokenizer;

    public ChatTemplate(WordTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public record Message(String role, String content) {
    }

    public int[] render(List<Message> messages, boolean addGenerationPrompt) {
        IntList ids = new IntList(256);
        ids.add(SpecialToken.BEGIN_OF_TEXT.id());
        for (Message message : messages) {
            appendHeader(ids, message.role());
            tokenizer.appendTo(message.content(), ids);
            ids.add(SpecialToken.END_OF_TURN.id());
        }
        if (addGenerationPrompt) {
            appendHeader(ids, "assistant");
        }
        return ids.toArray();
    }

    private void appendHeader(IntList ids, String role) {
        ids.add(SpecialToken.START_HEADER.id());
        tokenizer.appendTo(role, ids);
        ids.add(SpecialToken.END_HEADER.id());
    }
}
