package io.aibrix.gateway.openai;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

/** Reads one OpenAI {@code usage} object from a streaming parser. */
final class UsageReader {

    private static final int ABSENT = -1;

    private UsageReader() {
    }

    /**
     * Reads the object the parser stands on ({@link JsonToken#START_OBJECT}) up to its end. The Responses API names
     * {@code input_tokens}/{@code output_tokens} are used only when {@code prompt_tokens}/{@code completion_tokens} are
     * absent (not when they are 0); a missing {@code total_tokens} is the sum of the two.
     *
     * @return the usage, or null when the object holds none of those counts
     */
    static @Nullable Usage read(JsonParser p) throws IOException {
        int prompt = ABSENT;
        int completion = ABSENT;
        int total = ABSENT;
        int input = ABSENT;
        int output = ABSENT;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int count = count(p);
            switch (name) {
                case "prompt_tokens" -> prompt = count;
                case "completion_tokens" -> completion = count;
                case "total_tokens" -> total = count;
                case "input_tokens" -> input = count;
                case "output_tokens" -> output = count;
                default -> {
                    // details objects and anything else
                }
            }
        }
        if (prompt == ABSENT && completion == ABSENT && total == ABSENT && input == ABSENT && output == ABSENT) {
            return null;
        }
        int promptTokens = Math.max(0, prompt != ABSENT ? prompt : input);
        int completionTokens = Math.max(0, completion != ABSENT ? completion : output);
        int totalTokens = total != ABSENT ? total : saturatedSum(promptTokens, completionTokens);
        return new Usage(promptTokens, completionTokens, totalTokens);
    }

    /** A non-negative count clamped to int, or ABSENT for null, negative or non-numeric values (skipped). */
    private static int count(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                return p.getText().startsWith("-") ? ABSENT : Integer.MAX_VALUE;
            }
            int value = p.getIntValue();
            return value < 0 ? ABSENT : value;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = p.getDoubleValue();
            return value < 0 || Double.isNaN(value) ? ABSENT : (int) Math.min(value, Integer.MAX_VALUE);
        }
        p.skipChildren();
        return ABSENT;
    }

    private static int saturatedSum(int a, int b) {
        long sum = (long) a + b;
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }
}
