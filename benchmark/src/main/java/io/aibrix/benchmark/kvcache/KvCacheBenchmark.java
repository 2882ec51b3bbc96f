package io.aibrix.benchmark.kvcache;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.benchmark.client.Api;
import io.aibrix.benchmark.client.EndpointSettings;
import io.aibrix.benchmark.client.StreamingClient;
import io.aibrix.benchmark.client.Target;
import io.aibrix.benchmark.client.TargetPolicy;
import io.aibrix.benchmark.client.TargetSelector;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.RequestExecutor;
import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.workload.MultiTurnWorkload;
import io.aibrix.benchmark.workload.RandomStreams;
import io.aibrix.simulator.SimulatedEngine;

/**
 * Runs every configuration at every QPS, each point on a fresh cluster (cold caches), against one coordinator child
 * process with a registration cluster per L2 point. Every configuration uses the same client-side routing, so only
 * the tiers differ: {@code random} (the default) sends each request to an engine drawn from the seed and the request
 * id, so a conversation's turns land on different engines; {@code session} sends all of a session's turns to engine
 * {@code session mod engines}, as a prefix-aware router would.
 */
final class KvCacheBenchmark {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final KvCachePlan plan;
    private final PrintWriter out;
    private final ObjectMapper json = new ObjectMapper();

    KvCacheBenchmark(KvCachePlan plan, PrintWriter out) {
        this.plan = plan;
        this.out = out;
    }

    List<PointResult> run() throws IOException, InterruptedException {
        List<String> clusters = IntStream.range(0, plan.qps().size()).mapToObj(i -> "kv-" + i).toList();
        List<PointResult> points = new ArrayList<>();
        try (CoordinatorProcess coordinator = CoordinatorProcess.start(plan.coordinatorJar(), plan.workDirectory(),
                clusters);
                ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).executor(httpThreads).build()) {
            for (TierSetup setup : plan.setups()) {
                for (int i = 0; i < plan.qps().size(); i++) {
                    PointResult point = runPoint(setup, plan.qps().get(i), coordinator.baseUri(), clusters.get(i),
                            http);
                    points.add(point);
                    out.printf(Locale.ROOT, "%-18s qps %5.1f: %d requests (%d failed), TTFT mean %.3f s p99 %.3f s,"
                            + " cached %.0f%% (gpu %.0f%%, l1 %.0f%%, l2 %.0f%%) in %.0f s%n", setup.label(),
                            point.qps(), point.requests(), point.failed(), point.ttftMeanSeconds(),
                            point.ttftP99Seconds(), 100 * point.cachedShare(), 100 * point.gpuShare(),
                            100 * point.l1Share(), 100 * point.l2Share(), point.elapsedSeconds());
                    out.flush();
                }
            }
        }
        return points;
    }

    private PointResult runPoint(TierSetup setup, double qps, URI coordinator, String cluster, HttpClient http)
            throws InterruptedException {
        long started = System.nanoTime();
        try (TierCluster tiers = TierCluster.start(plan, setup, coordinator, cluster, http)) {
            List<SimulatedEngine> engines = tiers.engines();
            MultiTurnWorkload workload = new MultiTurnWorkload(plan.sessionRate(qps), plan.systemPrompts(),
                    plan.systemTokens(), plan.turns(), plan.userTokens(), plan.outputTokens(), plan.thinkSeconds(),
                    new RandomStreams(plan.seed()));
            RequestExecutor executor = plan.sessionRouting() ? sessionAffinity(http, engines) : random(http, engines);
            List<RequestResult> results = new SessionLoad(executor, NanoClock.system()).run(workload,
                    plan.sessions());
            return PointResult.of(setup, qps, results, hits(http, engines), (System.nanoTime() - started) / 1e9);
        }
    }

    private RequestExecutor random(HttpClient http, List<SimulatedEngine> engines) {
        return new StreamingClient(http, settings(engines.getFirst()), new TargetSelector(engines.stream()
                .map(engine -> Target.parse(engine.baseUri().toString())).toList(), TargetPolicy.RANDOM,
                plan.seed()), NanoClock.system(), json);
    }

    private static EndpointSettings settings(SimulatedEngine engine) {
        return new EndpointSettings(Api.CHAT, engine.model(), null, null, REQUEST_TIMEOUT);
    }

    /** One client per engine; a session's turns all go to engine {@code session mod engines}. */
    private RequestExecutor sessionAffinity(HttpClient http, List<SimulatedEngine> engines) {
        List<StreamingClient> clients = engines.stream().map(engine -> new StreamingClient(http, settings(engine),
                new TargetSelector(List.of(Target.parse(engine.baseUri().toString())), TargetPolicy.ROUND_ROBIN,
                        plan.seed()), NanoClock.system(), json)).toList();
        return dispatch -> clients.get(Math.floorMod(dispatch.spec().tags().session(), clients.size()))
                .execute(dispatch);
    }

    private static PointResult.TierHits hits(HttpClient http, List<SimulatedEngine> engines) {
        double queried = 0;
        double gpu = 0;
        double l1 = 0;
        double l2 = 0;
        for (SimulatedEngine engine : engines) {
            EngineCounters counters = EngineCounters.scrape(http, engine.baseUri());
            queried += counters.sum("vllm:prefix_cache_queries_total", "");
            gpu += counters.sum("vllm:prefix_cache_hits_total", "");
            l1 += counters.sum("vllm:kv_tier_hit_tokens_total", "tier=\"l1\"");
            l2 += counters.sum("vllm:kv_tier_hit_tokens_total", "tier=\"l2\"");
        }
        return new PointResult.TierHits(queried, gpu, l1, l2);
    }
}
