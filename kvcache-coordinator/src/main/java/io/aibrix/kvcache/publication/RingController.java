package io.aibrix.kvcache.publication;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.kvcache.errors.ApiException;
import io.aibrix.kvcache.membership.ClusterRegistry;
import io.aibrix.kvcache.ring.Ring;
import io.aibrix.kvcache.ring.XxHash64;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code GET /v1/clusters/{cluster}/ring}: the ring with a strong ETag (304 on a matching If-None-Match), or with
 * {@code watch=true&version=N} a long poll answered when the version exceeds N, or with the current ring after
 * {@code kvcache.publication.watch-timeout}. A parked watch holds no servlet thread.
 */
@RestController
class RingController {

    private final ClusterRegistry registry;

    private final RingWatchers watchers;

    private final ObjectMapper mapper;

    private final long watchTimeoutMillis;

    RingController(ClusterRegistry registry, RingWatchers watchers, ObjectMapper mapper,
            PublicationProperties properties) {
        this.registry = registry;
        this.watchers = watchers;
        this.mapper = mapper;
        this.watchTimeoutMillis = properties.watchTimeout().toMillis();
    }

    @GetMapping(path = "/v1/clusters/{cluster}/ring", produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<ResponseEntity<byte[]>> ring(@PathVariable String cluster,
            @RequestParam(defaultValue = "false") boolean watch,
            @RequestParam(required = false) @Nullable Long version,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        Ring current = registry.ring(cluster);
        if (!watch) {
            if (version != null) {
                throw ApiException.invalidField("version", version, "is only allowed with watch=true");
            }
            DeferredResult<ResponseEntity<byte[]>> result = new DeferredResult<>();
            result.setResult(response(cluster, current, ifNoneMatch));
            return result;
        }
        if (version == null || version < 0) {
            throw ApiException.invalidField("version", version,
                    "is required with watch=true and must be a ring version (0 or more)");
        }
        DeferredResult<ResponseEntity<byte[]>> result = new DeferredResult<>(watchTimeoutMillis);
        Runnable cancel = watchers.await(cluster, current, version,
                ring -> result.setResult(response(cluster, ring, null)));
        result.onTimeout(() -> {
            cancel.run();
            result.setResult(response(cluster, registry.ring(cluster), null));
        });
        result.onCompletion(cancel);
        return result;
    }

    private ResponseEntity<byte[]> response(String cluster, Ring ring, @Nullable String ifNoneMatch) {
        byte[] body = json(RingDocument.of(cluster, ring));
        String etag = "\"" + ring.version() + "-" + HexFormat.of().toHexDigits(XxHash64.hash(body, 0)) + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** A list of entity tags or {@code *}; weak tags never match our strong one. */
    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private byte[] json(RingDocument document) {
        try {
            return mapper.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Ring document not serializable", e);
        }
    }
}
