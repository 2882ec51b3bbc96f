package io.aibrix.gateway.kvevents;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.aibrix.gateway.endpoint.Endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.lang.Nullable;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One engine's KV event subscription, kept up for as long as the engine is discovered: read {@code /server_info},
 * open {@code /v1/kv-events} (resuming with {@code from=<last + 1>&engine_id=<id>} when the gateway knows where it
 * stopped, a snapshot otherwise), apply every line to the engine's blocks on the thread that received it, and when
 * the stream ends, fails or stays silent longer than {@code staleAfter}, mark the engine unknown and reconnect after
 * a backoff. Everything is non-blocking; the loop never ends on its own.
 */
final class EngineFeed {

    private static final Logger log = LoggerFactory.getLogger(EngineFeed.class);

    private final Endpoint endpoint;
    private final FeedClient client;
    private final FeedCursor cursor;
    private final Backoff backoff;
    private final Duration staleAfter;
    private final KvEventsMeters meters;
    private volatile FeedState state = FeedState.CONNECTING;
    private volatile @Nullable Disposable loop;

    EngineFeed(Endpoint endpoint, FeedClient client, FeedCursor cursor, Backoff backoff, Duration staleAfter,
            KvEventsMeters meters) {
        this.endpoint = endpoint;
        this.client = client;
        this.cursor = cursor;
        this.backoff = backoff;
        this.staleAfter = staleAfter;
        this.meters = meters;
    }

    String address() {
        return endpoint.address();
    }

    FeedState state() {
        return state;
    }

    int cachedBlocks() {
        return cursor.blocks().size();
    }

    void start() {
        loop = Mono.defer(this::session)
                .onErrorResume(error -> {
                    lost(error);
                    return Mono.empty();
                })
                .then(Mono.defer(() -> Mono.delay(backoff.next(), Schedulers.parallel())))
                .repeat()
                .subscribe(null, error -> log.error("KV event feed of {} stopped", address(), error));
    }

    void stop() {
        Disposable active = loop;
        if (active != null) {
            active.dispose();
        }
        cursor.blocks().live(false);
    }

    /** One connection: completes when the engine ends the stream or does not publish events; fails otherwise. */
    private Mono<Void> session() {
        return client.serverInfo(endpoint.baseUri())
                .onErrorMap(IllegalArgumentException.class, NotPublishing::new)
                .flatMap(info -> {
                    if (!info.kvEventsEnabled()) {
                        disabled("its /server_info reports kv_events disabled");
                        return Mono.empty();
                    }
                    if (cursor.serverInfo(info)) {
                        meters.resynced(ResyncException.Reason.RESTART);
                        log.info("Engine {} restarted (engine_id {}): its cached blocks were dropped", address(),
                                info.engineId());
                    }
                    return client.lines(eventsUri(info))
                            .timeout(staleAfter, Schedulers.parallel())
                            .doOnNext(this::accept)
                            .doOnComplete(() -> lost(null))
                            .then();
                });
    }

    private URI eventsUri(ServerInfo info) {
        URI events = endpoint.baseUri().resolve(info.eventsPath());
        String engineId = cursor.resumeEngineId();
        if (engineId == null) {
            return events;
        }
        return URI.create(events + "?from=" + cursor.resumeFrom() + "&engine_id="
                + URLEncoder.encode(engineId, StandardCharsets.UTF_8));
    }

    private void accept(byte[] raw) {
        FeedLine line = FeedLineParser.parse(raw);
        if (line == null) {
            return;
        }
        // A restart between /server_info and the stream shows as a snapshot of a new engine id (the engine ignores a
        // resume position of its previous life); one of another kind fails apply() with a restart resync.
        if (line instanceof FeedLine.Snapshot && cursor.fromAnotherEngine(line)) {
            meters.resynced(ResyncException.Reason.RESTART);
            log.info("Engine {} restarted (engine_id {}): its cached blocks were dropped", address(), line.engineId());
        }
        if (cursor.apply(line)) {
            meters.applied(line);
        }
        backoff.reset();
        if (state != FeedState.LIVE && cursor.synced()) {
            cursor.blocks().live(true);
            FeedState previous = state;
            state = FeedState.LIVE;
            log.info("KV event feed of {} is live{} ({} cached blocks)", address(),
                    previous == FeedState.DOWN ? " again" : "", cursor.blocks().size());
        }
    }

    /** The stream ended ({@code error} null) or failed: the engine's blocks stop counting until it is live again. */
    private void lost(@Nullable Throwable error) {
        if (error instanceof NotPublishing || error instanceof FeedClient.StatusException status
                && status.status() == 404 && "/server_info".equals(status.path())) {
            disabled(error.getMessage());
            return;
        }
        cursor.blocks().live(false);
        FeedState previous = state;
        state = FeedState.DOWN;
        String reason = reason(error);
        meters.disconnected(reason);
        if (error instanceof ResyncException resync) {
            meters.resynced(resync.reason());
        }
        String detail = error == null ? "the engine ended the stream"
                : error instanceof TimeoutException ? "no line for " + staleAfter.toMillis() + " ms"
                : error.getMessage();
        if (previous == FeedState.LIVE) {
            log.warn("KV event feed of {} is down ({}: {}); its cached blocks no longer count for routing,"
                    + " reconnecting", address(), reason, detail);
        }
        else if (previous == FeedState.CONNECTING) {
            log.info("KV event feed of {} not connected yet ({}: {}); retrying", address(), reason, detail);
        }
        else {
            log.debug("KV event feed of {} still down ({}: {})", address(), reason, detail);
        }
    }

    private void disabled(@Nullable String why) {
        cursor.blocks().live(false);
        FeedState previous = state;
        state = FeedState.DISABLED;
        if (previous != FeedState.DISABLED) {
            log.info("Engine {} publishes no KV block events ({}); kv-aware routing sees no cache there",
                    address(), why);
        }
    }

    /** The disconnect reason tag: {@code ended}, {@code silent}, {@code resync}, {@code status} or {@code error}. */
    static String reason(@Nullable Throwable error) {
        if (error == null) {
            return "ended";
        }
        if (error instanceof TimeoutException) {
            return "silent";
        }
        if (error instanceof ResyncException) {
            return "resync";
        }
        if (error instanceof FeedClient.StatusException) {
            return "status";
        }
        return "error";
    }

    /** The engine's {@code /server_info} is not one: it does not publish KV events. */
    private static final class NotPublishing extends RuntimeException {

        NotPublishing(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
