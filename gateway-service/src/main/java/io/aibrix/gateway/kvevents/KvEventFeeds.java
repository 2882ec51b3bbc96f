package io.aibrix.gateway.kvevents;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.endpoint.EndpointSnapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

import reactor.core.Disposable;

/**
 * Keeps one {@link EngineFeed} per discovered engine (ready or not, so an engine's cache is known before it takes
 * traffic): starts a feed when an engine appears, and stops it and drops the engine's blocks from the index when the
 * engine leaves discovery. A returning address starts from a fresh snapshot.
 */
final class KvEventFeeds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KvEventFeeds.class);

    private final EndpointRegistry registry;
    private final KvBlockIndex index;
    private final Function<Endpoint, EngineFeed> feedFactory;
    private final KvEventsMeters meters;
    private final Map<String, EngineFeed> feeds = new ConcurrentHashMap<>();
    private volatile @Nullable Disposable subscription;

    /**
     * @param feedFactory builds the (not yet started) feed of an engine registered in {@code index}
     */
    KvEventFeeds(EndpointRegistry registry, KvBlockIndex index, Function<Endpoint, EngineFeed> feedFactory,
            KvEventsMeters meters) {
        this.registry = registry;
        this.index = index;
        this.feedFactory = feedFactory;
        this.meters = meters;
        meters.watch(feeds.values());
    }

    Collection<EngineFeed> feeds() {
        return feeds.values();
    }

    /** The feed state of the engine at {@code address}, or null when it has no feed. */
    @Nullable FeedState state(String address) {
        EngineFeed feed = feeds.get(address);
        return feed == null ? null : feed.state();
    }

    @Override
    public void start() {
        subscription = registry.changes().subscribe(this::update,
                error -> log.error("Endpoint changes failed; KV event feeds stay as they are", error));
    }

    /** Starts feeds of new engines, stops those of engines that left. */
    synchronized void update(EndpointSnapshot snapshot) {
        Set<String> live = new HashSet<>();
        for (Endpoint endpoint : snapshot.distinctEndpoints()) {
            live.add(endpoint.address());
            if (!feeds.containsKey(endpoint.address())) {
                EngineFeed feed = feedFactory.apply(endpoint);
                feeds.put(endpoint.address(), feed);
                feed.start();
            }
        }
        for (String address : List.copyOf(feeds.keySet())) {
            if (!live.contains(address)) {
                feeds.remove(address).stop();
                index.unregister(address);
                log.info("Engine {} left discovery: its KV event feed stopped and its blocks were dropped", address);
            }
        }
        meters.track(feeds.values());
    }

    @Override
    public synchronized void stop() {
        Disposable active = subscription;
        if (active != null) {
            active.dispose();
        }
        subscription = null;
        for (EngineFeed feed : feeds.values()) {
            feed.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
