package io.aibrix.benchmark.overhead;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures what the gateway adds to a request: the same engine is loaded directly and through the gateway, in
 * alternating rounds of one run, at a constant open-loop rate. Prints Markdown tables for
 * {@code docs/benchmarks/gateway.md}.
 */
@Command(name = "overhead", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Gateway vs. direct-to-engine latency at a constant request rate (open loop), streamed TTFT, "
                + "and the highest rate each path sustains.%n")
public final class OverheadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", required = true, description = "Engine base URL, e.g. http://127.0.0.1:19000")
    URI engine;

    @Option(names = "--gateway", required = true, description = "Gateway base URL in front of that engine")
    URI gateway;

    @Option(names = "--model", defaultValue = "llama3-8b", description = "Model name (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--rate", defaultValue = "1000", description = "Non-streamed requests/s (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--ttft-rate", defaultValue = "500",
            description = "Streamed requests/s for the TTFT comparison, 0 to skip (default: ${DEFAULT-VALUE})")
    double ttftRate;

    @Option(names = "--stream-tokens", defaultValue = "16",
            description = "max_tokens of streamed requests (default: ${DEFAULT-VALUE})")
    int streamTokens;

    @Option(names = "--duration", defaultValue = "PT10S", converter = Durations.class,
            description = "Length of each measured run, e.g. 10s (default: 10s)")
    Duration duration;

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating engine/gateway rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "PT20S", converter = Durations.class,
            description = "Unmeasured load on both paths first, for the JIT (default: 20s)")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "32",
            description = "Keep-alive connections per run (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--sweep", split = ",", description = "Rates (requests/s) to try for the highest sustained rate")
    List<Double> sweep = new ArrayList<>();

    @Option(names = "--sweep-slo-p99", defaultValue = "PT0.025S", converter = Durations.class,
            description = "A rate is sustained when achieved >= 99%% of offered, no errors and p99 at most this "
                    + "(default: 25ms)")
    Duration sweepSloP99;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OverheadCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        URI engineUrl = engine.resolve("/v1/chat/completions");
        URI gatewayUrl = gateway.resolve("/v1/chat/completions");
        byte[] plain = body(false, 1);
        byte[] streamed = body(true, streamTokens);
        PacedLoad load = new PacedLoad(connections, Duration.ofSeconds(30));
        OverheadReport report = new OverheadReport(out);

        if (!warmup.isZero()) {
            Duration half = warmup.dividedBy(2);
            load.run(gatewayUrl, plain, rate, half);
            load.run(engineUrl, plain, rate, half);
        }
        report.header("Non-streamed chat completions, max_tokens 1, %s req/s offered, %d s per run"
                .formatted(OverheadReport.number(rate), duration.toSeconds()));
        report.compare(alternate(load, engineUrl, gatewayUrl, plain, rate), false);
        if (ttftRate > 0) {
            report.header("Streamed chat completions, max_tokens %d, %s req/s offered: time to first token"
                    .formatted(streamTokens, OverheadReport.number(ttftRate)));
            report.compare(alternate(load, engineUrl, gatewayUrl, streamed, ttftRate), true);
        }
        if (!sweep.isEmpty()) {
            report.header("Highest sustained rate (achieved >= 99%% of offered, no errors, p99 <= %d ms)"
                    .formatted(sweepSloP99.toMillis()));
            report.sweepHeader();
            sweep(load, report, engineUrl, gatewayUrl, plain);
        }
        out.flush();
        return 0;
    }

    private List<OverheadReport.Round> alternate(PacedLoad load, URI engineUrl, URI gatewayUrl, byte[] body,
            double requestRate) throws InterruptedException {
        List<OverheadReport.Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            PacedLoad.Result direct = load.run(engineUrl, body, requestRate, duration);
            PacedLoad.Result proxied = load.run(gatewayUrl, body, requestRate, duration);
            results.add(new OverheadReport.Round(round, direct, proxied));
        }
        return results;
    }

    private void sweep(PacedLoad load, OverheadReport report, URI engineUrl, URI gatewayUrl, byte[] body)
            throws InterruptedException {
        boolean engineHolds = true;
        boolean gatewayHolds = true;
        for (double step : sweep) {
            if (!engineHolds && !gatewayHolds) {
                break;
            }
            // enough connections that a 50 ms stall per connection still keeps the schedule
            PacedLoad stepLoad = new PacedLoad(Math.max(connections, (int) (step / 20)), Duration.ofSeconds(30));
            if (engineHolds) {
                engineHolds = report.sweepRow("engine", stepLoad.run(engineUrl, body, step, duration), sweepSloP99);
            }
            if (gatewayHolds) {
                gatewayHolds = report.sweepRow("gateway", stepLoad.run(gatewayUrl, body, step, duration),
                        sweepSloP99);
            }
        }
    }

    private byte[] body(boolean stream, int maxTokens) {
        String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],"
                + "\"max_tokens\":" + maxTokens
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Accepts {@code 10s}, {@code 250ms}, {@code 2m} or an ISO-8601 duration. */
    static final class Durations implements CommandLine.ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            String v = value.trim();
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration such as 10s, 250ms or 2m");
            };
        }
    }
}
