package io.aibrix.metadata.adapters;

import java.util.Map;

import io.aibrix.metadata.validation.Labels;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.lang.Nullable;

/**
 * The desired state of an adapter: the body of {@code PUT /admin/v1/adapters/{name}} (and, with the name, of a
 * create).
 *
 * @param baseModel        the model it is loaded onto; must exist
 * @param artifactUrl      where its weights are ({@link ArtifactUrls})
 * @param podSelector      labels an engine must carry to be a candidate; empty = every engine of the base model
 * @param replicas         on how many candidates to load it; {@code null} = all of them
 * @param schedulingPolicy how lora-manager picks candidates: {@code least-adapters} (default), {@code bin-pack},
 *                         {@code random}
 */
record AdapterSpec(
        @NotNull String baseModel,
        @NotNull @ArtifactUrl String artifactUrl,
        @Nullable @Size(max = 32) Map<@Pattern(regexp = LABEL_KEY, message = LABEL_KEY_MESSAGE) String,
                @Pattern(regexp = LABEL_VALUE, message = LABEL_VALUE_MESSAGE) String> podSelector,
        @Nullable @Positive Integer replicas,
        @Nullable @Pattern(regexp = POLICIES, message = "must be least-adapters, bin-pack or random")
        String schedulingPolicy) {

    static final String POLICIES = "least-adapters|bin-pack|random";

    static final String DEFAULT_POLICY = "least-adapters";

    static final String LABEL_KEY = Labels.KEY;

    static final String LABEL_KEY_MESSAGE = Labels.KEY_MESSAGE;

    static final String LABEL_VALUE = Labels.VALUE;

    static final String LABEL_VALUE_MESSAGE = Labels.VALUE_MESSAGE;

    AdapterSpec {
        podSelector = podSelector == null ? Map.of() : podSelector;
        schedulingPolicy = schedulingPolicy == null ? DEFAULT_POLICY : schedulingPolicy;
    }
}
