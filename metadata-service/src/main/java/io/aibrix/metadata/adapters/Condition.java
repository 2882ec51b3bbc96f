package io.aibrix.metadata.adapters;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/**
 * One observation about an adapter, Kubernetes style, e.g. {@code Ready False ModelAdapterLoadingError}.
 *
 * @param type               what is observed, CamelCase ({@code Scheduled}, {@code Ready}, ...)
 * @param status             {@code True}, {@code False} or {@code Unknown}
 * @param reason             why, CamelCase ({@code ModelAdapterAvailable}, {@code PodNotReady}, ...)
 * @param message            human-readable details
 * @param lastTransitionTime when {@code status} last changed; filled in by the service when omitted
 */
public record Condition(
        @NotNull @Pattern(regexp = CAMEL_CASE, message = CAMEL_CASE_MESSAGE) String type,
        @NotNull @Pattern(regexp = "True|False|Unknown", message = "must be True, False or Unknown") String status,
        @NotNull @Pattern(regexp = CAMEL_CASE, message = CAMEL_CASE_MESSAGE) String reason,
        @Nullable @Size(max = 2048) String message,
        @Nullable Instant lastTransitionTime) {

    static final String CAMEL_CASE = "[A-Z][A-Za-z0-9]{0,63}";

    static final String CAMEL_CASE_MESSAGE = "must be CamelCase: a capital letter, then up to 63 letters or digits";

    Condition withLastTransitionTime(Instant time) {
        return new Condition(type, status, reason, message, time);
    }
}
