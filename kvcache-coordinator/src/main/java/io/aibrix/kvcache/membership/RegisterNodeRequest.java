package io.aibrix.kvcache.membership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.lang.Nullable;

/**
 * Body of {@code PUT /v1/clusters/{cluster}/nodes/{node}}.
 *
 * @param address  host name or IP clients reach the node's data port on
 * @param port     the data port
 * @param capacity relative capacity (e.g. GiB of cache memory); weighs the node when the ring is weighted; default 1
 */
record RegisterNodeRequest(
        @NotBlank @Nullable String address,
        @NotNull @Min(1) @Max(65_535) @Nullable Integer port,
        @Min(1) @Max(1_000_000) @Nullable Integer capacity) {
}
