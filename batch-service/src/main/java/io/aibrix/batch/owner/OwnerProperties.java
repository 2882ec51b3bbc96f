package io.aibrix.batch.owner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the caller is identified ({@code batch.owner.*}).
 *
 * @param header       request header carrying the owner (set by the gateway once API keys exist)
 * @param defaultOwner owner of requests without that header
 */
@ConfigurationProperties("batch.owner")
@Validated
record OwnerProperties(
        @NotBlank @DefaultValue("x-aibrix-user") String header,
        @NotBlank @Size(max = Owner.MAX_LENGTH) @DefaultValue("anonymous") String defaultOwner) {
}
