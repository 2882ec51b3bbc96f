package io.aibrix.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Grafana dashboards and the Prometheus configuration in observability/, and the chart's copies of the
 * dashboards (that every queried metric is exported is {@link RunningSuiteIntegrationTests}' job).
 */
class DashboardsTests {

    @Test
    void shipsTheGatewayEnginesBatchAndAutoscalerDashboards() {
        assertThat(Dashboards.all()).containsKeys("gateway", "engines", "batch", "autoscaler");
    }

    @Test
    void givesEveryDashboardAUniqueUidAndEveryPanelAUniqueIdAndAQuery() {
        Set<String> uids = new HashSet<>();
        Dashboards.all().forEach((name, dashboard) -> {
            assertThat(uids.add(dashboard.path("uid").asText())).as(name + " uid").isTrue();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : Dashboards.panels(dashboard)) {
                String title = name + ": " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(title + " id").isTrue();
                if (!"row".equals(panel.path("type").asText())) {
                    assertThat(panel.path("targets")).as(title).isNotEmpty();
                    panel.path("targets").forEach(target -> assertThat(target.path("expr").asText()).as(title)
                            .isNotBlank());
                    assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
                }
            }
        });
    }

    @Test
    void queriesMetricsInEveryDashboard() {
        Dashboards.all().forEach((name, dashboard) -> assertThat(Dashboards.metricNames(dashboard)).as(name)
                .isNotEmpty());
    }

    @Test
    void shipsEveryDashboardInTheChartAsAConfigMapForGrafanasSidecarWhenEnabled() throws IOException {
        Map<String, JsonNode> dashboards = Dashboards.all();
        Path copies = Chart.directory().resolve("dashboards");
        try (Stream<Path> files = Files.list(copies)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(dashboards.keySet().stream().map(n -> n + ".json").toList());
        }
        for (String name : dashboards.keySet()) {
            assertThat(copies.resolve(name + ".json")).as("helm/aibrix/dashboards is a copy of observability's")
                    .hasSameTextualContentAs(Dashboards.directory().resolve(name + ".json"));
        }
        assertThat(Chart.renderDefaults().ofType(ConfigMap.class)).as("off by default")
                .noneMatch(map -> map.getMetadata().getName().startsWith("aibrix-dashboard-"));

        List<ConfigMap> maps = Chart.render(List.of(), Map.of("grafanaDashboards.enabled", true))
                .ofType(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().startsWith("aibrix-dashboard-")).toList();

        assertThat(maps).hasSize(dashboards.size());
        ObjectMapper json = new ObjectMapper();
        for (ConfigMap map : maps) {
            String name = map.getMetadata().getName().substring("aibrix-dashboard-".length());
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(json.readTree(map.getData().get(name + ".json"))).as(name).isEqualTo(dashboards.get(name));
        }
    }

    @Test
    void scrapesEveryServiceOfTheComposeFileThatExportsMetrics() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode prometheus = yaml.readTree(
                Files.readString(DeployFiles.path("observability/prometheus/prometheus.yml")));
        JsonNode compose = yaml.readTree(Files.readString(DeployFiles.path("docker-compose.yml")));
        Map<String, String> expected = Map.of("gateway:8080", "/actuator/prometheus",
                "metadata-service:8080", "/actuator/prometheus", "batch-service:8080", "/actuator/prometheus",
                "autoscaler:8080", "/actuator/prometheus",
                "engine-0:8000", "/metrics", "engine-1:8000", "/metrics", "engine-2:8000", "/metrics");

        Map<String, String> scraped = new HashMap<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            for (JsonNode config : job.path("static_configs")) {
                for (JsonNode target : config.path("targets")) {
                    scraped.put(target.asText(), job.path("metrics_path").asText("/metrics"));
                    String host = target.asText().substring(0, target.asText().indexOf(':'));
                    assertThat(compose.path("services").has(host)).as(target.asText()).isTrue();
                }
            }
        }

        assertThat(scraped).isEqualTo(expected);
    }
}
