package io.aibrix.metadata.engines;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.aibrix.metadata.errors.ConflictException;
import io.aibrix.metadata.errors.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The engine registry. Expiry is decided at read time from the injected clock, so an engine counts as gone the
 * moment its TTL passes, whether or not the purge has deleted its row yet.
 */
@Service
@Transactional
class EngineService {

    private final EngineRepository engines;

    private final EnginesProperties properties;

    private final Clock clock;

    EngineService(EngineRepository engines, EnginesProperties properties, Clock clock) {
        this.engines = engines;
        this.properties = properties;
        this.clock = clock;
    }

    /** The outcome of a registration: the entry, and whether it is new (an expired entry counts as new). */
    record Registration(EngineView engine, boolean created) {
    }

    Registration register(String name, RegisterEngineRequest request) {
        Instant now = clock.instant();
        String address = request.host() + ":" + request.port();
        for (Engine other : live(now)) {
            if (!other.name().equals(name) && other.address().equals(address)) {
                throw ConflictException.because("Engine '" + other.name() + "' is already registered at " + address,
                        Map.of("name", name, "address", address, "registeredAs", other.name()));
            }
        }
        Optional<Engine> existing = engines.findById(name);
        boolean created = existing.isEmpty() || !existing.get().aliveAt(now, properties.ttl());
        Engine engine = existing.orElseGet(() -> new Engine(name));
        engine.register(request, now);
        return new Registration(engines.saveAndFlush(engine).view(properties.ttl()), created);
    }

    EngineView heartbeat(String name) {
        Instant now = clock.instant();
        Engine engine = findLive(name, now);
        engine.heartbeat(now);
        return engines.saveAndFlush(engine).view(properties.ttl());
    }

    void deregister(String name) {
        engines.delete(findLive(name, clock.instant()));
    }

    @Transactional(readOnly = true)
    List<EngineView> list() {
        return live(clock.instant()).stream().map(engine -> engine.view(properties.ttl())).toList();
    }

    @Transactional(readOnly = true)
    EngineView get(String name) {
        return findLive(name, clock.instant()).view(properties.ttl());
    }

    /** Deletes the rows of expired engines; returns how many. */
    int purgeExpired() {
        return engines.deleteExpired(clock.instant().minus(properties.ttl()));
    }

    private List<Engine> live(Instant now) {
        return engines.findAllByLastHeartbeatAtAfterOrderByNameAsc(now.minus(properties.ttl()));
    }

    private Engine findLive(String name, Instant now) {
        return engines.findById(name)
                .filter(engine -> engine.aliveAt(now, properties.ttl()))
                .orElseThrow(() -> NotFoundException.because("Engine '" + name + "' is not registered (never, or"
                        + " its last heartbeat is older than " + properties.ttl() + "); register it again"));
    }
}
