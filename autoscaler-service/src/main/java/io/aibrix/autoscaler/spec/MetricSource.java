package io.aibrix.autoscaler.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a metric comes from and the value one pod should carry.
 *
 * <ul>
 * <li>{@code pod}: every ready pod of the target is scraped at {@code protocolType://pod:port/path} (Prometheus text;
 * without {@code port}, the pod's serving port); the pods' values are summed into the target's total.</li>
 * <li>{@code external}: one URL ({@code endpoint} host[:port], {@code path}) exports the target's total, for example a
 * gauge the gateway exports.</li>
 * </ul>
 * {@code targetValue} is always per pod; see the algorithm package for how totals and targets combine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricSource(String metricSourceType, String protocolType, String endpoint, String path, String port,
        String targetMetric, String targetValue) {

    public static final String POD = "pod";
    public static final String EXTERNAL = "external";

    public String effectiveProtocol() {
        return protocolType == null || protocolType.isBlank() ? "http" : protocolType;
    }

    public String effectivePath() {
        return path == null || path.isBlank() ? "/metrics" : path;
    }

    /** The parsed target; only call on a validated spec. */
    public double target() {
        return Double.parseDouble(targetValue.trim());
    }
}
