package io.aibrix.metadata.engines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RegistryDocument}. */
class RegistryDocumentTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static EngineView engine(String name, String host, List<String> models, Instant heartbeat) {
        return engine(name, host, models, Map.of(), heartbeat);
    }

    private static EngineView engine(String name, String host, List<String> models, Map<String, String> labels,
            Instant heartbeat) {
        return new EngineView(name, host, 8000, null, null, true, models, labels, T0, heartbeat,
                heartbeat.plusSeconds(30));
    }

    @Test
    void addsLoadedAdaptersToTheirEnginesModels() {
        RegistryDocument document = RegistryDocument.of(List.of(engine("e0", "10.0.0.1", List.of("llama"), T0),
                engine("e1", "10.0.0.2", List.of("llama"), T0)), Map.of("e0", List.of("z-lora", "a-lora", "llama")));

        assertThat(document.endpoints().get(0).models()).containsExactly("llama", "a-lora", "z-lora");
        assertThat(document.endpoints().get(1).models()).containsExactly("llama");
        assertThat(document.etag()).isEqualTo("\"" + document.version() + "\"");
    }

    @Test
    void versionsTheContentAndNotTheHeartbeats() {
        RegistryDocument first = RegistryDocument.of(List.of(engine("e0", "10.0.0.1", List.of("llama"), T0)), Map.of());
        RegistryDocument later = RegistryDocument.of(List.of(engine("e0", "10.0.0.1", List.of("llama"),
                T0.plusSeconds(20))), Map.of());
        RegistryDocument moved = RegistryDocument.of(List.of(engine("e0", "10.0.0.9", List.of("llama"), T0)), Map.of());
        RegistryDocument empty = RegistryDocument.of(List.of(), Map.of());

        assertThat(later.version()).isEqualTo(first.version());
        assertThat(moved.version()).isNotEqualTo(first.version());
        assertThat(empty.version()).isNotEqualTo(first.version()).hasSize(16);
    }

    @Test
    void carriesTheLabelsAndVersionsThem() {
        RegistryDocument plain = RegistryDocument.of(List.of(engine("e0", "10.0.0.1", List.of("llama"), T0)),
                Map.of());
        RegistryDocument labelled = RegistryDocument.of(List.of(engine("e0", "10.0.0.1", List.of("llama"),
                Map.of("zone", "a", "adapter.model.aibrix.ai/enabled", "true"), T0)), Map.of());
        RegistryDocument relabelled = RegistryDocument.of(List.of(engine("e0", "10.0.0.1", List.of("llama"),
                Map.of("zone", "b", "adapter.model.aibrix.ai/enabled", "true"), T0)), Map.of());

        assertThat(labelled.endpoints().getFirst().labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("zone", "a", "adapter.model.aibrix.ai/enabled", "true"));
        assertThat(labelled.version()).isNotEqualTo(plain.version()).isNotEqualTo(relabelled.version());
    }
}
