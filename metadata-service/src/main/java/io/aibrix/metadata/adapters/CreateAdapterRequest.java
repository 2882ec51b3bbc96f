package io.aibrix.metadata.adapters;

import java.util.Map;

import io.aibrix.metadata.validation.ResourceName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/** Body of {@code POST /admin/v1/adapters}: the name plus an {@link AdapterSpec}. */
record CreateAdapterRequest(
        @NotNull @ResourceName String name,
        @NotNull String baseModel,
        @NotNull @ArtifactUrl String artifactUrl,
        @Nullable @Size(max = 32) Map<@Pattern(regexp = AdapterSpec.LABEL_KEY,
                message = AdapterSpec.LABEL_KEY_MESSAGE) String,
                @Pattern(regexp = AdapterSpec.LABEL_VALUE, message = AdapterSpec.LABEL_VALUE_MESSAGE) String> podSelector,
        @Nullable @Positive Integer replicas,
        @Nullable @Pattern(regexp = AdapterSpec.POLICIES, message = "must be least-adapters, bin-pack or random")
        String schedulingPolicy) {

    AdapterSpec spec() {
        return new AdapterSpec(baseModel, artifactUrl, podSelector, replicas, schedulingPolicy);
    }
}
