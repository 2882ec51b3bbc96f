package io.aibrix.simulator;

import java.net.URI;
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
import org.springframework.lang.Nullable;
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
        @Valid @NotNull @DefaultValue KvTransfer kvTransfer,
        @Valid @NotNull @DefaultValue KvTiers kvTiers) {

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

    /**
     * KV tiers below the GPU blocks; both off by default, which leaves the engine exactly as without them. Transfer
     * times are before {@code time-scale}. Defaults assume llama3-8b's 2 MiB blocks (16 tokens x 128 KiB: 32 layers x
     * 8 KV heads x 128 dims x K and V x 2 bytes).
     */
    public record KvTiers(@Valid @NotNull @DefaultValue L1 l1, @Valid @NotNull @DefaultValue L2 l2) {

        public boolean enabled() {
            return l1.capacityBlocks() > 0 || l2.coordinator() != null;
        }

        /**
         * Host-memory KV cache (AIBrix's L1; default policy S3-FIFO as there).
         *
         * @param capacityBlocks blocks held; 0 = no L1 (AIBrix's 10 GB default is about 5000 such blocks)
         * @param eviction {@code s3fifo} or {@code lru}
         * @param timePerBlock one block host to GPU: 2 MiB over PCIe 4.0 x16 at about 25 GB/s
         */
        public record L1(
                @PositiveOrZero @DefaultValue("0") int capacityBlocks,
                @NotBlank @DefaultValue("s3fifo") String eviction,
                @NotNull @DefaultValue("85us") Duration timePerBlock) {
        }

        /**
         * Cache nodes found through a kvcache-coordinator's ring (AIBrix's L2, e.g. InfiniStore).
         *
         * @param coordinator the coordinator's base URL; none = no L2
         * @param cluster the cache-node cluster whose ring to follow
         * @param timePerBlock one block node to GPU: 2 MiB over 100 Gb/s RDMA at about 12.5 GB/s
         * @param lookupTimeout a lookup slower than this is a miss
         * @param writeThrough write every computed block to L2 at once (so other engines reuse it), not only
         *        blocks evicted from the tiers above
         */
        public record L2(
                @Nullable URI coordinator,
                @NotBlank @DefaultValue("default") String cluster,
                @NotNull @DefaultValue("170us") Duration timePerBlock,
                @NotNull @DurationMin(millis = 1) @DefaultValue("50ms") Duration lookupTimeout,
                @DefaultValue("true") boolean writeThrough) {
        }
    }
}
