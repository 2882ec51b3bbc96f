package io.aibrix.gateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.auth.Caller;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequest;
import io.aibrix.gateway.openai.RejectedRequestException;
import io.aibrix.gateway.openai.Usage;
import io.aibrix.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link Quotas}, on the in-memory store. */
class QuotasTests {

    private static final String MODEL = "llama3-8b";

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Quotas quotas = new Quotas(new MemoryQuotaStore(), clock,
            new QuotaProperties(true, null, "aibrix:quota", Map.of(MODEL, 2L), 256, true, Duration.ofMillis(500)),
            new QuotaMeters(registry));
    private final List<QuotaTicket> tickets = new ArrayList<>();

    @Test
    void admitsUpToTheRequestsPerMinuteThenAnswers429WithRetryAfterAndRateLimitHeaders() {
        Caller alice = caller(3L, null);
        for (int i = 0; i < 3; i++) {
            admit(request("other-model", 10, 10), alice);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(tickets.get(2).headers()).containsEntry("x-ratelimit-limit-requests", "3")
                .containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-reset-requests", "1m58s");

        assertThatThrownBy(() -> admit(request("other-model", 10, 10), alice))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("rate_limit_exceeded");
                    assertThat(e.getMessage()).startsWith("Rate limit reached for requests per min (RPM) for user"
                            + " 'alice': Limit 3, Used 3, Requested 1.");
                    // Counted at 0 s, 1 s and 2 s; now 3 s: the window ends in 57 s, then 3 x (1 - f) <= 2 needs 20 s.
                    assertThat(e.headers()).containsEntry("Retry-After", "77")
                            .containsEntry("x-ratelimit-remaining-requests", "0");
                });
        assertThat(registry.get("gateway.quotas.rejections").tag("limit", "rpm").counter().count()).isEqualTo(1);
    }

    @Test
    void reservesPromptPlusMaxTokensAndSettlesToTheReportedUsage() {
        Caller alice = caller(null, 1_000L);
        admit(request("other-model", 100, 200), alice);
        assertThat(tickets.get(0).headers()).containsEntry("x-ratelimit-remaining-tokens", "700");

        tickets.get(0).end(new Usage(100, 50, 150), false);
        admit(request("other-model", 100, 200), alice);

        assertThat(tickets.get(1).headers()).containsEntry("x-ratelimit-remaining-tokens", "550");
    }

    @Test
    void reservesTheDefaultCompletionWithoutMaxTokens() {
        Caller alice = caller(null, 1_000L);
        admit(request("other-model", 100, -1), alice);

        assertThat(tickets.get(0).headers()).containsEntry("x-ratelimit-remaining-tokens", "644");
    }

    @Test
    void givesEverythingBackWhenTheRequestFailed() {
        Caller alice = caller(1L, 1_000L);
        admit(request("other-model", 100, 200), alice);
        tickets.get(0).end(null, true);

        admit(request("other-model", 100, 200), alice);

        assertThat(tickets.get(1).headers()).containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-remaining-tokens", "700");
    }

    @Test
    void keepsTheReservationWhenNoUsageWasReported() {
        Caller alice = caller(null, 1_000L);
        admit(request("other-model", 100, 200), alice);
        tickets.get(0).end(null, false);
        tickets.get(0).end(null, true);

        admit(request("other-model", 100, 200), alice);

        assertThat(tickets.get(1).headers()).containsEntry("x-ratelimit-remaining-tokens", "400");
    }

    @Test
    void refusesARequestLargerThanTheTokenLimitAsTooLarge() {
        assertThatThrownBy(() -> admit(request("other-model", 900, 200), caller(null, 1_000L)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Request too large for tokens per min (TPM)");
                    assertThat(e.headers()).containsEntry("Retry-After", "60");
                });
    }

    @Test
    void limitsAModelsRequestsPerSecondAcrossUsersInASlidingSecond() {
        admit(request(MODEL, 10, 10), null);
        admit(request(MODEL, 10, 10), caller(null, null));

        assertThatThrownBy(() -> admit(request(MODEL, 10, 10), null))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("requests per second (RPS) for model 'llama3-8b'");
                    assertThat(e.headers()).containsEntry("Retry-After", "2").doesNotContainKey(
                            "x-ratelimit-limit-requests");
                });
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> admit(request(MODEL, 10, 10), null)).isInstanceOf(RejectedRequestException.class);
        clock.advance(Duration.ofMillis(500));
        admit(request(MODEL, 10, 10), null);
        assertThat(tickets).hasSize(3);
    }

    @Test
    void aRequestWithoutAnyLimitGetsNoTicket() {
        admit(request("other-model", 10, 10), caller(null, null));
        admit(request("other-model", 10, 10), null);

        assertThat(tickets).isEmpty();
    }

    @Test
    void embeddingsReserveTheirPromptOnly() {
        InferenceRequest embedding = new InferenceRequest(InferenceApi.EMBEDDINGS, "other-model", false, false, null,
                -1, "text", 100);
        admit(embedding, caller(null, 1_000L));

        assertThat(tickets.get(0).headers()).containsEntry("x-ratelimit-remaining-tokens", "900");
    }

    private void admit(InferenceRequest request, Caller caller) {
        quotas.admit(request, caller, tickets::add, Runnable::run).block();
    }

    private static Caller caller(Long rpm, Long tpm) {
        return new Caller("alice", rpm, tpm, "0b5cf4a4-8f0c-4c36-9a57-1d0e1b9e5a01", "sk-aibrix-Q2x7HkP0");
    }

    private static InferenceRequest request(String model, int promptTokens, int maxTokens) {
        return new InferenceRequest(InferenceApi.CHAT_COMPLETIONS, model, false, false, null, maxTokens, "text",
                promptTokens);
    }
}
