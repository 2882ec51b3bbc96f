package io.aibrix.simulator.tokenizer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link WordTokenizer} and {@link ChatTemplate}. */
class WordTokenizerTests {

    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void givesEveryWordOneStableTokenAcrossInstances() {
        int[] ids = tokenizer.encode("the  quick\tbrown\nfox");

        assertThat(ids).hasSize(4);
        assertThat(new WordTokenizer().encode("the quick brown fox")).isEqualTo(ids);
        assertThat(java.util.Arrays.stream(ids).boxed().toList())
                .allSatisfy(id -> assertThat(id).isBetween(256, WordTokenizer.VOCAB_SIZE - 1));
    }

    @Test
    void decodesWhatItEncoded() {
        assertThat(tokenizer.decode(tokenizer.encode("hello simulated world"))).isEqualTo("hello simulated world");
    }

    @Test
    void generatedTextRetokenizesToTheGeneratedIds() {
        String text = GeneratedWords.word(42, 0) + " " + GeneratedWords.word(42, 1);
        int[] ids = tokenizer.encode(text);

        assertThat(ids).containsExactly(WordTokenizer.idOf(GeneratedWords.word(42, 0)),
                WordTokenizer.idOf(GeneratedWords.word(42, 1)));
        assertThat(new WordTokenizer().decode(ids)).isEqualTo(text);
    }

    @Test
    void rendersTheLlama3ChatTemplateAroundEachMessage() {
        ChatTemplate template = new ChatTemplate(tokenizer);

        int[] ids = template.render(List.of(new ChatTemplate.Message("user", "hi there")), true);

        assertThat(tokenizer.decode(ids)).isEqualTo("<|begin_of_text|> <|start_header_id|> user <|end_header_id|> "
                + "hi there <|eot_id|> <|start_header_id|> assistant <|end_header_id|>");
    }

    @Test
    void aFollowUpTurnExtendsThePreviousSequenceExactly() {
        ChatTemplate template = new ChatTemplate(tokenizer);
        int[] firstPrompt = template.render(List.of(new ChatTemplate.Message("user", "question one")), true);
        String reply = GeneratedWords.word(7, 0) + " " + GeneratedWords.word(7, 1);

        int[] secondPrompt = template.render(List.of(new ChatTemplate.Message("user", "question one"),
                new ChatTemplate.Message("assistant", reply), new ChatTemplate.Message("user", "two")), true);

        int[] previousSequence = concat(firstPrompt, tokenizer.encode(reply));
        assertThat(java.util.Arrays.copyOf(secondPrompt, previousSequence.length)).isEqualTo(previousSequence);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
