package io.aibrix.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tests for {@link StreamEventParser} and {@link ErrorBodies}. */
class StreamEventParserTests {

    private final StreamEventParser chat = new StreamEventParser(Api.CHAT, new ObjectMapper());
    private final StreamEventParser completions = new StreamEventParser(Api.COMPLETIONS, new ObjectMapper());

    @Test
    void doneMarkerEndsTheStream() {
        assertThat(chat.parse("[DONE]")).isEqualTo(new StreamEvent.Done());
    }

    @Test
    void roleOnlyFirstChunkCarriesNoToken() {
        assertThat(chat.parse("{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"))
                .isEqualTo(new StreamEvent.Chunk("", null, null));
    }

    @Test
    void chatContentChunkWithFinishReason() {
        assertThat(chat.parse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word\"},"
                + "\"finish_reason\":\"length\"}]}")).isEqualTo(new StreamEvent.Chunk(" word", "length", null));
    }

    @Test
    void completionsTextChunk() {
        assertThat(completions.parse("{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" w\","
                + "\"logprobs\":null,\"finish_reason\":null}]}")).isEqualTo(new StreamEvent.Chunk(" w", null, null));
    }

    @Test
    void usageChunkReportsPromptCompletionAndCachedTokens() {
        assertThat(chat.parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":3310,\"completion_tokens\":150,"
                + "\"total_tokens\":3460,\"prompt_tokens_details\":{\"cached_tokens\":2992}}}"))
                .isEqualTo(new StreamEvent.Chunk(null, null, new StreamEvent.Usage(3310, 150, 2992)));
        assertThat(chat.parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
                + "\"prompt_tokens_details\":null}}"))
                .isEqualTo(new StreamEvent.Chunk(null, null, new StreamEvent.Usage(5, 2, 0)));
    }

    @Test
    void errorObjectInsideTheStreamIsAFailure() {
        assertThat(chat.parse("{\"error\":{\"message\":\"KV cache exhausted\",\"type\":\"InternalServerError\","
                + "\"param\":null,\"code\":500}}")).isEqualTo(new StreamEvent.Failure("KV cache exhausted"));
        assertThat(chat.parse("{\"object\":\"error\",\"message\":\"old style\",\"type\":\"BadRequestError\"}"))
                .isEqualTo(new StreamEvent.Failure("old style"));
    }

    @Test
    void malformedJsonIsAFailureNamingThePayload() {
        assertThat(chat.parse("{\"choices\":[")).isInstanceOfSatisfying(StreamEvent.Failure.class,
                failure -> assertThat(failure.message()).contains("malformed").contains("{\"choices\":["));
    }

    @Test
    void errorBodyMessageIsExtractedFromCurrentFlatAndNonJsonBodies() {
        assertThat(ErrorBodies.message("{\"error\":{\"message\":\"model not found\",\"type\":\"NotFoundError\","
                + "\"param\":null,\"code\":404}}")).isEqualTo("model not found");
        assertThat(ErrorBodies.message("{\"object\":\"error\",\"message\":\"flat\"}")).isEqualTo("flat");
        assertThat(ErrorBodies.message("upstream connect error")).isEqualTo("upstream connect error");
        assertThat(ErrorBodies.message("")).isEqualTo("(empty body)");
    }
}
