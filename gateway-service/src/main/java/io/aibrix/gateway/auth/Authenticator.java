package io.aibrix.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.aibrix.gateway.openai.RejectedRequestException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.lang.Nullable;

/**
 * Turns a request's {@code Authorization} header into its {@link Caller}: from the {@link KeyCache} when remembered,
 * else by one metadata-service lookup per key at a time (concurrent requests with the same key share it). A missing,
 * unknown or revoked key is a 401 {@code invalid_api_key}; metadata-service being unavailable is a 503, unless the key
 * was resolved before and {@code serve-stale-on-outage} is set.
 *
 * <p>Meter {@code gateway.auth.requests{outcome}}: {@code cached}, {@code resolved}, {@code stale} (admitted on an old
 * answer during an outage), {@code missing_key}, {@code invalid_key}, {@code unavailable}.
 */
public final class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private static final String BEARER = "bearer ";

    private final Function<String, Mono<KeyLookup>> lookups;
    private final KeyCache cache;
    private final boolean serveStale;
    private final Map<String, CompletableFuture<KeyLookup>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    /** @param lookups asks metadata-service; fails with {@link MetadataUnavailableException} when it cannot */
    Authenticator(Function<String, Mono<KeyLookup>> lookups, KeyCache cache, boolean serveStale,
            MeterRegistry meters) {
        this.lookups = lookups;
        this.cache = cache;
        this.serveStale = serveStale;
        this.meters = meters;
    }

    /** The caller, or an error: a {@link RejectedRequestException} 401 or 503. */
    public Mono<Caller> authenticate(@Nullable String authorization) {
        String key = bearerToken(authorization);
        if (key == null) {
            count("missing_key");
            return Mono.error(missingKey());
        }
        String digest = digest(key);
        KeyLookup cached = cache.fresh(digest);
        if (cached != null) {
            return admit(cached, key, "cached");
        }
        return Mono.fromFuture(shared(digest, key), true)
                .map(lookup -> new Answer(lookup, "resolved"))
                .onErrorResume(MetadataUnavailableException.class, e -> {
                    Caller stale = serveStale ? cache.stale(digest) : null;
                    if (stale == null) {
                        count("unavailable");
                        return Mono.error(unavailable());
                    }
                    return Mono.just(new Answer(KeyLookup.found(stale), "stale"));
                })
                .flatMap(answer -> admit(answer.lookup(), key, answer.outcome()));
    }

    /** One lookup per key digest at a time; it completes (and fills the cache) even if every waiter went away. */
    private CompletableFuture<KeyLookup> shared(String digest, String key) {
        CompletableFuture<KeyLookup> mine = new CompletableFuture<>();
        CompletableFuture<KeyLookup> running = inFlight.putIfAbsent(digest, mine);
        if (running != null) {
            return running;
        }
        lookups.apply(key).subscribe(lookup -> {
            cache.put(digest, lookup);
            recovered();
            inFlight.remove(digest, mine);
            mine.complete(lookup);
        }, error -> {
            failed(error);
            inFlight.remove(digest, mine);
            mine.completeExceptionally(error instanceof MetadataUnavailableException ? error
                    : new MetadataUnavailableException(String.valueOf(error)));
        });
        return mine;
    }

    private Mono<Caller> admit(KeyLookup lookup, String key, String outcome) {
        Caller caller = lookup.caller();
        if (caller == null) {
            count("invalid_key");
            return Mono.error(invalidKey(key));
        }
        count(outcome);
        return Mono.just(caller);
    }

    /** The token of {@code Bearer <token>} (scheme case-insensitive), or null when there is none. */
    static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /** A key shown as OpenAI does in its error: the first 8 and last 4 characters. */
    static String masked(String key) {
        return key.length() <= 12 ? "***" : key.substring(0, 8) + "***" + key.substring(key.length() - 4);
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static RejectedRequestException missingKey() {
        return new RejectedRequestException(401, "You didn't provide an API key. You need to provide your API key in"
                + " an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "api_key",
                "invalid_api_key", Map.of("WWW-Authenticate", "Bearer"));
    }

    private static RejectedRequestException invalidKey(String key) {
        return new RejectedRequestException(401, "Incorrect API key provided: " + masked(key) + ".", "api_key",
                "invalid_api_key", Map.of("WWW-Authenticate", "Bearer"));
    }

    private static RejectedRequestException unavailable() {
        return new RejectedRequestException(503, "API keys cannot be verified right now: the key service is"
                + " unavailable. Please retry shortly.", null, "service_unavailable", Map.of("Retry-After", "1"));
    }

    private void failed(Throwable error) {
        if (available.compareAndSet(true, false)) {
            log.warn("metadata-service key lookups failing ({}); requests with keys not cached get 503", error
                    .getMessage());
        }
        else {
            log.debug("metadata-service key lookup failed: {}", error.getMessage());
        }
    }

    private void recovered() {
        if (available.compareAndSet(false, true)) {
            log.info("metadata-service key lookups answering again");
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("gateway.auth.requests")
                .description("Inference requests by authentication outcome")
                .tag("outcome", o)
                .register(meters)).increment();
    }

    private record Answer(KeyLookup lookup, String outcome) {
    }
}
