package io.aibrix.deploy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ReadmeProperties}. */
class ReadmePropertiesTests {

    @Test
    void readsSiblingsWrittenAsSuffixesOrBareNames() {
        List<Pattern> slash = ReadmeProperties.patterns(" `gateway.routing.vtc.input-weight` / `.output-weight` ");
        List<Pattern> comma = ReadmeProperties.patterns(" `batch.execution.concurrency.initial`, `min`, `max` ");

        assertThat(ReadmeProperties.documented(slash, "gateway.routing.vtc.output-weight")).isTrue();
        assertThat(ReadmeProperties.documented(comma, "batch.execution.concurrency.max")).isTrue();
        assertThat(ReadmeProperties.documented(comma, "batch.execution.concurrency.maximum")).isFalse();
    }

    @Test
    void readsPlaceholdersAsAnyKeyOrIndex() {
        List<Pattern> map = ReadmeProperties.patterns(" `gateway.quotas.model-rps.<model>` ");
        List<Pattern> list = ReadmeProperties.patterns(" `gateway.discovery.static.models[i].name` ");

        assertThat(ReadmeProperties.documented(map, "gateway.quotas.model-rps.llama3-8b")).isTrue();
        assertThat(ReadmeProperties.documented(map, "gateway.quotas.model-rps.a.b")).isFalse();
        assertThat(ReadmeProperties.documented(list, "gateway.discovery.static.models[2].name")).isTrue();
    }

    @Test
    void findsTheServicesTablesInTheReadme() {
        assertThat(ReadmeProperties.bySection()).containsKeys("Gateway", "Metadata service", "Batch service",
                "LoRA manager", "KV-cache coordinator");
    }
}
