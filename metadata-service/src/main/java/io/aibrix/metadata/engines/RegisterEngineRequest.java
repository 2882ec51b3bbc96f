package io.aibrix.metadata.engines;

import java.util.List;
import java.util.Map;

import io.aibrix.metadata.validation.Labels;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/**
 * Body of {@code PUT /internal/v1/engines/{name}}: registers the engine or replaces its entry, and counts as a
 * heartbeat.
 *
 * @param host        IP address or DNS name; IPv6 without brackets
 * @param port        serving port of the OpenAI API
 * @param metricsPort port of {@code /metrics}; {@code null} = {@code port}
 * @param role        {@code prefill}, {@code decode}, or {@code null} for both
 * @param ready       whether it may receive traffic; default {@code true}
 * @param models      every model it serves at registration (base model, adapters it was started with); adapters
 *                    lora-manager loads later are added from their status
 * @param labels      Kubernetes-style labels, matched against adapters' pod selectors as pod labels are; default
 *                    none
 */
record RegisterEngineRequest(
        @NotNull @Size(min = 1, max = 253) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                message = "must be an IP address or DNS name without scheme, brackets or port") String host,
        @NotNull @Min(1) @Max(65535) Integer port,
        @Nullable @Min(1) @Max(65535) Integer metricsPort,
        @Nullable @Pattern(regexp = "prefill|decode", message = "must be prefill, decode or null") String role,
        @Nullable Boolean ready,
        @NotNull @Size(max = 256) List<@NotBlank @Size(max = 255) String> models,
        @Nullable @Size(max = 64) Map<@Pattern(regexp = Labels.KEY, message = Labels.KEY_MESSAGE) String,
                @Pattern(regexp = Labels.VALUE, message = Labels.VALUE_MESSAGE) String> labels) {

    RegisterEngineRequest {
        labels = labels == null ? Map.of() : labels;
    }
}
