package io.aibrix.simulator;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import io.aibrix.simulator.engine.EngineRole;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * One simulated engine's configuration ({@code simulator.*}). Zero for {@code numGpuBlocks}, {@code maxNumSeqs} and
 * {@code maxNumBatchedTokens} (and no {@code apiOverhead}) means "the profile's value".
 *
 * @param timeScale multiplies every modelled duration (0.1 runs ten times faster than the modelled GPU)
 * @param jitter relative standard deviation of Gaussian noise on each step time
 * @param eosMeanTokens mean output length at which the model emits EOS when a request does not set
 *        {@code ignore_eos}; 0 = never, so {@code max_tokens} is honoured exactly
 * @param role prefill/decode disaggregation role: {@code both}, {@code prefill} or {@code decode}
 */
@ConfigurationProperties("simulator")
@Validated
public record SimulatorProperties(
        @NotBlank @DefaultValue(DEFAULT_MODEL) String model,
        @Positive @DefaultValue("8192") int maxModelLen,
        @NotBlank @DefaultValue("llama3-8b-a100") String profile,
        @PositiveOrZero @DefaultValue("0") int numGpuBlocks,
        @Positive @DefaultValue("16") int blockSize,
        @PositiveOrZero @DefaultValue("0") int maxNumSeqs,
        @PositiveOrZero @DefaultValue("0") int maxNumBatchedTokens,
        @DecimalMin(value = "0", inclusive = false) @DefaultValue("1.0") double timeScale,
        @DecimalMin("0") @DecimalMax("0.2") @DefaultValue("0") double jitter,
        Duration apiOverhead,
        @DefaultValue("0") long seed,
        @PositiveOrZero @DefaultValue("0") int engineIndex,
        @DefaultValue("true") boolean enablePrefixCaching,
        @DefaultValue("true") boolean enablePromptTokensDetails,
        @PositiveOrZero @DefaultValue("128") int eosMeanTokens,
        @NotNull @DefaultValue("0s") Duration startupDelay,
        @Positive @DefaultValue("1024") int embeddingDimension,
        @Valid @NotNull @DefaultValue Lora lora,
        @NotNull @DefaultValue("both") EngineRole role,
        @Valid @NotNull @DefaultValue KvEvents kvEvents,
        @Valid @NotNull @DefaultValue KvTransfer kvTransfer) {

    public static final String DEFAULT_MODEL = "llama3-8b";

    /**
     * LoRA serving ({@code --max-loras}); {@code adapters} are loaded at start-up, name to path.
     *
     * @param stepOverheadPerAdapter relative step-time increase per distinct adapter in a batch
     */
    public record Lora(
            @PositiveOrZero @DefaultValue("1") int maxLoras,
            @NotNull @DefaultValue("30ms") Duration loadLatency,
            @DecimalMin("0") @DefaultValue("0.05") double stepOverheadPerAdapter,
            @DefaultValue Map<String, String> adapters) {
    }

    /**
     * The KV block event feed ({@code GET /v1/kv-events}).
     *
     * @param bufferSize events retained for replay; a reader further behind is cut off and resumes from a snapshot
     * @param heartbeatInterval an idle stream carries a heartbeat this often
     */
    public record KvEvents(
            @DefaultValue("true") boolean enabled,
            @Positive @DefaultValue("10000") int bufferSize,
            @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration heartbeatInterval) {
    }

    /**
     * Receiving a prompt's KV from a remote prefill engine.
     *
     * @param timePerBlock modelled transfer time of one KV block (before {@code time-scale})
     */
    public record KvTransfer(@NotNull @DefaultValue("100us") Duration timePerBlock) {
    }
}
