package io.aibrix.benchmark.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chat requests of both runs: the direct client sends the bodies, the batch wraps the same bodies in batch lines.
 * Every prompt is distinct (its line number), about 20 tokens; the output length is fixed with {@code ignore_eos}.
 */
final class RequestLines {

    static final String MODEL = "llama3-8b";
    private static final String FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod ";

    private RequestLines() {
    }

    static String body(int index, int maxTokens) {
        return body(maxTokens, "Summarise request " + index + " of the nightly evaluation set in one line.");
    }

    static String line(int index, int maxTokens) {
        return "{\"custom_id\":\"req-" + index + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + body(index, maxTokens) + "}";
    }

    /** Writes {@code count} lines to {@code file}. */
    static void write(Path file, int count, int maxTokens) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                out.write(line(i, maxTokens));
                out.write('\n');
            }
        }
    }

    /**
     * Writes {@code count} lines of long prompts (1 output token each) adding up to about {@code bytes}, never more:
     * the shape of the largest input file the service accepts.
     */
    static void writeLarge(Path file, int count, long bytes) throws IOException {
        String template = "{\"custom_id\":\"big-%d\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":%s}";
        int lineBytes = (int) (bytes / count) - 1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                String empty = template.formatted(i, body(1, ""));
                StringBuilder prompt = new StringBuilder(lineBytes);
                int room = lineBytes - empty.length();
                while (prompt.length() < room) {
                    prompt.append(FILLER, 0, Math.min(FILLER.length(), room - prompt.length()));
                }
                out.write(template.formatted(i, body(1, prompt.toString())));
                out.write('\n');
            }
        }
    }

    private static String body(int maxTokens, String prompt) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }
}
