package io.aibrix.metadata.engines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.aibrix.metadata.adapters.AdapterService;
import io.aibrix.metadata.adapters.AdapterView;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/registry/endpoints}: the registry as the gateway's {@code MetadataEndpointSource} reads it, with a
 * strong ETag and 304 for an unchanged {@code If-None-Match}. Open without a token, like the gateway's poller. The
 * document is built per request from two indexed reads; heartbeats do not change it, so the steady state is a 304.
 */
@RestController
class RegistryController {

    private final EngineService engines;

    private final AdapterService adapters;

    RegistryController(EngineService engines, AdapterService adapters) {
        this.engines = engines;
        this.adapters = adapters;
    }

    @GetMapping("/v1/registry/endpoints")
    ResponseEntity<RegistryDocument> endpoints(
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        Map<String, List<String>> adaptersByEngine = new HashMap<>();
        for (AdapterView adapter : adapters.list(null, Optional.empty())) {
            for (String instance : adapter.status().instances()) {
                adaptersByEngine.computeIfAbsent(instance, engine -> new ArrayList<>()).add(adapter.name());
            }
        }
        RegistryDocument document = RegistryDocument.of(engines.list(), adaptersByEngine);
        if (ifNoneMatch != null && matches(ifNoneMatch, document.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(document.etag()).build();
        }
        return ResponseEntity.ok().eTag(document.etag()).body(document);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            if (candidate.trim().equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
