package io.aibrix.autoscaler.api;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import io.aibrix.autoscaler.spec.ObjectMeta;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.SpecValidator;
import io.aibrix.autoscaler.spec.SpecViolation;
import io.aibrix.autoscaler.store.AutoscalerStore;
import io.aibrix.autoscaler.store.StoredAutoscaler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * PodAutoscaler objects of the local mode. A spec that fails validation is refused with 400 and every message;
 * a status in a request body is ignored (only the control loop writes it). A second PodAutoscaler on the same target
 * is accepted and then reported in conflict in its status, as on Kubernetes.
 */
@RestController
@ConditionalOnProperty(name = "autoscaler.mode", havingValue = "local", matchIfMissing = true)
final class PodAutoscalerController {

    static final String BASE = "/apis/autoscaling.aibrix.ai/v1alpha1";
    private static final String COLLECTION = BASE + "/namespaces/{namespace}/podautoscalers";
    private static final String ITEM = COLLECTION + "/{name}";

    private final AutoscalerStore store;

    PodAutoscalerController(AutoscalerStore store) {
        this.store = store;
    }

    @GetMapping(BASE + "/podautoscalers")
    PodAutoscalerList listAll() {
        return PodAutoscalerList.of(store.findAll().stream().map(StoredAutoscaler::autoscaler).toList());
    }

    @GetMapping(COLLECTION)
    PodAutoscalerList list(@PathVariable String namespace) {
        return PodAutoscalerList.of(store.findInNamespace(namespace).stream().map(StoredAutoscaler::autoscaler)
                .toList());
    }

    @GetMapping(ITEM)
    PodAutoscaler get(@PathVariable String namespace, @PathVariable String name) {
        return find(namespace, name);
    }

    @PostMapping(COLLECTION)
    ResponseEntity<PodAutoscaler> create(@PathVariable String namespace, @RequestBody PodAutoscaler body) {
        PodAutoscaler autoscaler = checked(namespace, null, body);
        if (!store.create(autoscaler)) {
            throw new ApiException(HttpStatus.CONFLICT, "PodAutoscaler " + autoscaler.key() + " already exists");
        }
        PodAutoscaler created = find(namespace, autoscaler.metadata().name());
        return ResponseEntity.created(URI.create(BASE + "/namespaces/" + namespace + "/podautoscalers/"
                + autoscaler.metadata().name())).body(created);
    }

    @PutMapping(ITEM)
    ResponseEntity<PodAutoscaler> replace(@PathVariable String namespace, @PathVariable String name,
            @RequestBody PodAutoscaler body) {
        PodAutoscaler autoscaler = checked(namespace, name, body);
        boolean existed = store.replace(autoscaler);
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(find(namespace, name));
    }

    @DeleteMapping(ITEM)
    ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String name) {
        if (!store.delete(namespace, name)) {
            throw notFound(namespace, name);
        }
        return ResponseEntity.noContent().build();
    }

    private PodAutoscaler find(String namespace, String name) {
        return store.find(namespace, name).map(StoredAutoscaler::autoscaler)
                .orElseThrow(() -> notFound(namespace, name));
    }

    /** The body in the path's namespace (and name), without status, validated. */
    private static PodAutoscaler checked(String namespace, String name, PodAutoscaler body) {
        if (!PodAutoscaler.API_VERSION.equals(body.apiVersion()) || !PodAutoscaler.KIND.equals(body.kind())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "apiVersion and kind must be " + PodAutoscaler.API_VERSION
                    + " and " + PodAutoscaler.KIND + " but were '" + body.apiVersion() + "' and '" + body.kind() + "'");
        }
        if (body.metadata() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "metadata.name must be set");
        }
        ObjectMeta meta = body.metadata();
        if (meta.namespace() != null && !"default".equals(meta.namespace()) && !meta.namespace().equals(namespace)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "metadata.namespace '" + meta.namespace()
                    + "' does not match the namespace '" + namespace + "' of the path");
        }
        String effectiveName = meta.name() == null ? name : meta.name();
        if (name != null && !Objects.equals(effectiveName, name)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "metadata.name '" + meta.name()
                    + "' does not match the name '" + name + "' of the path");
        }
        PodAutoscaler autoscaler = new PodAutoscaler(body.apiVersion(), body.kind(),
                new ObjectMeta(effectiveName, namespace, meta.annotations(), null), body.spec(), null);
        try {
            SpecValidator.validate(autoscaler);
        }
        catch (SpecViolation violation) {
            throw new ApiException(HttpStatus.BAD_REQUEST, violation.getMessage(), violation.reason(),
                    violation.messages());
        }
        return autoscaler;
    }

    private static ApiException notFound(String namespace, String name) {
        return new ApiException(HttpStatus.NOT_FOUND, "PodAutoscaler " + namespace + "/" + name + " not found",
                null, List.of());
    }
}
