package io.aibrix.lora.metadata;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import io.aibrix.lora.reconcile.AdapterStatus;
import io.aibrix.lora.reconcile.Condition;
import io.aibrix.lora.reconcile.DesiredAdapter;
import io.aibrix.lora.reconcile.Phase;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.lang.Nullable;
import org.springframework.web.client.RestClient;

/**
 * metadata-service's admin API as lora-manager uses it. Failures surface as {@code RestClientException}s; the loop
 * records them.
 */
public final class MetadataClient {

    private static final ParameterizedTypeReference<List<DesiredAdapter>> ADAPTERS =
            new ParameterizedTypeReference<>() { };

    private final RestClient http;

    public MetadataClient(MetadataProperties properties, RestClient.Builder builder) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.requestTimeout());
        builder.requestFactory(factory).baseUrl(properties.baseUrl().toString());
        if (properties.adminToken() != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.adminToken());
        }
        this.http = builder.build();
    }

    /** Every adapter with its desired state and recorded status. */
    public List<DesiredAdapter> adapters() {
        List<DesiredAdapter> adapters = http.get().uri("/admin/v1/adapters").retrieve().body(ADAPTERS);
        return adapters == null ? List.of() : adapters;
    }

    /** The registered engines ({@code GET /v1/registry/endpoints}). */
    public List<RegistryEndpoint> registry() {
        Registry registry = http.get().uri("/v1/registry/endpoints").retrieve().body(Registry.class);
        return registry == null || registry.endpoints() == null ? List.of() : registry.endpoints();
    }

    /**
     * Writes {@code next} over {@code previous}: the intermediate phases the service requires (Pending → Running
     * passes Scheduled and Loading) as PATCHes of the phase alone, then the whole status as a PUT.
     */
    public void writeStatus(String adapter, AdapterStatus previous, AdapterStatus next) {
        List<Phase> path = previous.phase().pathTo(next.phase());
        for (Phase step : path.subList(0, Math.max(path.size() - 1, 0))) {
            http.patch().uri("/admin/v1/adapters/{name}/status", adapter).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phase", step.label())).retrieve().toBodilessEntity();
        }
        http.put().uri("/admin/v1/adapters/{name}/status", adapter).contentType(MediaType.APPLICATION_JSON)
                .body(StatusBody.of(next)).retrieve().toBodilessEntity();
    }

    private record Registry(@Nullable List<RegistryEndpoint> endpoints) {
    }

    /** The service's status request: exactly its fields, since it refuses unknown ones. */
    private record StatusBody(String phase, List<String> instances, List<ConditionBody> conditions,
            @Nullable String lastError, long observedGeneration) {

        static StatusBody of(AdapterStatus status) {
            return new StatusBody(status.phase().label(), status.instances(),
                    status.conditions().stream().map(ConditionBody::of).toList(), status.lastError(),
                    status.observedGeneration());
        }
    }

    /** A condition without its transition time, which the service keeps or stamps. */
    private record ConditionBody(String type, String status, String reason, @Nullable String message) {

        static ConditionBody of(Condition condition) {
            return new ConditionBody(condition.type(), condition.status(), condition.reason(),
                    condition.message());
        }
    }
}
