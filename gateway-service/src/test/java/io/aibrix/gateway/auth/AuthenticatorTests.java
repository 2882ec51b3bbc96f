package io.aibrix.gateway.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.aibrix.gateway.openai.RejectedRequestException;
import io.aibrix.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Authenticator}, with metadata-service's answers given by a table of keys (the HTTP client is
 * exercised against the real service in {@code ApiKeyIntegrationTests}).
 */
class AuthenticatorTests {

    private static final String KEY = "sk-aibrix-Q2x7HkP0abcdefghijklmnop";

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, Caller> keys = new ConcurrentHashMap<>(Map.of(KEY, KeyCacheTests.caller("alice")));
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean down;

    private Authenticator authenticator(boolean serveStale) {
        return new Authenticator(key -> Mono.fromCallable(() -> {
            lookups.incrementAndGet();
            if (down) {
                throw new MetadataUnavailableException("connection refused");
            }
            Caller caller = keys.get(key);
            return caller == null ? KeyLookup.UNKNOWN : KeyLookup.found(caller);
        }), new KeyCache(clock, Duration.ofSeconds(5), Duration.ofSeconds(5), 100), serveStale, registry);
    }

    @Test
    void resolvesABearerKeyToItsCallerAndRemembersIt() {
        Authenticator authenticator = authenticator(false);

        assertThat(authenticator.authenticate("Bearer " + KEY).block()).extracting(Caller::user).isEqualTo("alice");
        assertThat(authenticator.authenticate("bearer  " + KEY + " ").block()).extracting(Caller::user)
                .isEqualTo("alice");
        assertThat(lookups).hasValue(1);
        assertThat(registry.get("gateway.auth.requests").tag("outcome", "cached").counter().count()).isEqualTo(1);
    }

    @Test
    void answersAMissingKeyWith401InvalidApiKey() {
        Authenticator authenticator = authenticator(false);
        for (String header : new String[] {null, "", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz"}) {
            assertThatThrownBy(() -> authenticator.authenticate(header).block())
                    .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("invalid_api_key");
                        assertThat(e.getMessage()).startsWith("You didn't provide an API key.");
                    });
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void answersAnUnknownKeyWith401NamingItMaskedAndRemembersTheAnswer() {
        Authenticator authenticator = authenticator(false);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticator.authenticate("Bearer sk-aibrix-unknown-key-1234").block())
                    .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("invalid_api_key");
                        assertThat(e.getMessage()).isEqualTo("Incorrect API key provided: sk-aibri***1234.");
                    });
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void seesARevocationOnceTheCachedAnswerExpires() {
        Authenticator authenticator = authenticator(false);
        authenticator.authenticate("Bearer " + KEY).block();
        keys.clear();

        clock.advance(Duration.ofMillis(4_999));
        assertThat(authenticator.authenticate("Bearer " + KEY).block()).isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + KEY).block())
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void sharesOneLookupAmongConcurrentRequestsWithTheSameKey() {
        Sinks.One<KeyLookup> answer = Sinks.one();
        AtomicInteger calls = new AtomicInteger();
        Authenticator authenticator = new Authenticator(key -> {
            calls.incrementAndGet();
            return answer.asMono();
        }, new KeyCache(clock, Duration.ofSeconds(5), Duration.ofSeconds(5), 100), false, registry);

        Mono<Caller> first = authenticator.authenticate("Bearer " + KEY).cache();
        Mono<Caller> second = authenticator.authenticate("Bearer " + KEY).cache();
        first.subscribe();
        second.subscribe();
        answer.tryEmitValue(KeyLookup.found(KeyCacheTests.caller("alice")));

        assertThat(first.block()).isEqualTo(second.block());
        assertThat(calls).hasValue(1);
    }

    @Test
    void answers503WhenMetadataServiceIsUnavailable() {
        Authenticator authenticator = authenticator(false);
        authenticator.authenticate("Bearer " + KEY).block();
        clock.advance(Duration.ofSeconds(6));
        down = true;

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + KEY).block())
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("service_unavailable");
                    assertThat(e.headers()).containsEntry("Retry-After", "1");
                });
    }

    @Test
    void admitsKeysResolvedBeforeDuringAnOutageWhenServingStale() {
        Authenticator authenticator = authenticator(true);
        authenticator.authenticate("Bearer " + KEY).block();
        clock.advance(Duration.ofSeconds(6));
        down = true;

        assertThat(authenticator.authenticate("Bearer " + KEY).block()).extracting(Caller::user).isEqualTo("alice");
        assertThatThrownBy(() -> authenticator.authenticate("Bearer sk-aibrix-never-seen-0000").block())
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(registry.get("gateway.auth.requests").tag("outcome", "stale").counter().count()).isEqualTo(1);
    }
}
