package io.aibrix.autoscaler.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.aibrix.autoscaler.actuator.ActuatorException;
import io.aibrix.autoscaler.actuator.ScaleActuator;
import io.aibrix.autoscaler.actuator.TargetObservation;
import io.aibrix.autoscaler.algorithm.AlgorithmRegistry;
import io.aibrix.autoscaler.algorithm.Recommendation;
import io.aibrix.autoscaler.algorithm.ScalingInput;
import io.aibrix.autoscaler.algorithm.ScheduleResolver;
import io.aibrix.autoscaler.metrics.MetricCollector;
import io.aibrix.autoscaler.spec.Condition;
import io.aibrix.autoscaler.spec.MetricSource;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.spec.ScalingEvent;
import io.aibrix.autoscaler.spec.ScalingParameters;
import io.aibrix.autoscaler.spec.ScalingStrategy;
import io.aibrix.autoscaler.spec.ScheduledBounds;
import io.aibrix.autoscaler.spec.SpecValidator;
import io.aibrix.autoscaler.spec.SpecViolation;

/**
 * One round for one PodAutoscaler: validate, check ownership, resolve the schedule's bounds, observe the target,
 * bring it into bounds, else read every metric source into its windows, decide (the largest recommendation of all
 * sources), stabilize, clamp, scale, and return the new status.
 *
 * <p>A source whose last good sample is older than {@code staleAfter} is unknown. With every source unknown the scale
 * is held; with some unknown it may rise on the known ones but never fall. Either way {@code ScalingActive} is
 * {@code False} with reason {@value #METRICS_UNAVAILABLE}.
 */
public final class Reconciler {

    static final String METRICS_UNAVAILABLE = "MetricsUnavailable";

    private final Clock clock;
    private final AlgorithmRegistry algorithms;
    private final MetricCollector collector;
    private final ScaleActuator actuator;
    private final HpaDelegate hpa;
    private final Duration staleAfter;
    private final Map<String, TargetMemory> memories = new ConcurrentHashMap<>();

    /** @param hpa null where there is no Kubernetes HPA to delegate to */
    public Reconciler(Clock clock, AlgorithmRegistry algorithms, MetricCollector collector, ScaleActuator actuator,
            HpaDelegate hpa, Duration staleAfter) {
        this.clock = clock;
        this.algorithms = algorithms;
        this.collector = collector;
        this.actuator = actuator;
        this.hpa = hpa;
        this.staleAfter = staleAfter;
    }

    /** Drops the memory of PodAutoscalers that no longer exist. */
    public void retainOnly(Set<String> keys) {
        memories.keySet().retainAll(keys);
    }

    /**
     * @param conflictOwner the key of the PodAutoscaler that owns this one's target, or null when this one does
     */
    public PodAutoscalerStatus reconcile(PodAutoscaler autoscaler, String conflictOwner) throws InterruptedException {
        Instant now = clock.instant();
        PodAutoscalerStatus status = autoscaler.status() == null ? PodAutoscalerStatus.empty() : autoscaler.status();
        ScalingParameters parameters;
        try {
            parameters = SpecValidator.validate(autoscaler);
        }
        catch (SpecViolation violation) {
            memories.remove(autoscaler.key());
            return status.withCondition(Condition.of(Condition.VALID_SPEC, false, violation.reason(),
                    violation.getMessage(), now))
                    .withCondition(Condition.of(Condition.READY, false, violation.reason(), "the spec is invalid", now));
        }
        status = status.withCondition(Condition.of(Condition.VALID_SPEC, true, "Configured", "the spec is valid", now));
        if (conflictOwner != null) {
            String message = "PodAutoscaler " + conflictOwner + " already scales this target"
                    + (autoscaler.spec().roleName() == null ? "" : " and role");
            return status.withCondition(Condition.of(Condition.CONFLICT, true, "TargetOwnedByAnother", message, now))
                    .withCondition(Condition.of(Condition.ABLE_TO_SCALE, false, "TargetOwnedByAnother", message, now))
                    .withCondition(Condition.of(Condition.READY, false, "TargetOwnedByAnother", message, now));
        }
        status = status.withCondition(Condition.of(Condition.CONFLICT, false, "AsExpected",
                "the only PodAutoscaler of this target", now));
        if (ScalingStrategy.parse(autoscaler.spec().scalingStrategy()) == ScalingStrategy.HPA) {
            if (hpa == null) {
                String message = "scalingStrategy HPA needs Kubernetes; use KPA or APA with the local fleet";
                return status.withCondition(Condition.of(Condition.ABLE_TO_SCALE, false, "HPAUnavailable", message,
                        now)).withCondition(Condition.of(Condition.READY, false, "HPAUnavailable", message, now));
            }
            return hpa.apply(autoscaler, parameters, status);
        }
        return decide(autoscaler, parameters, status, now);
    }

    private PodAutoscalerStatus decide(PodAutoscaler autoscaler, ScalingParameters parameters,
            PodAutoscalerStatus status, Instant now) throws InterruptedException {
        PodAutoscalerSpec spec = autoscaler.spec();
        String namespace = autoscaler.metadata().namespace();
        ScheduledBounds bounds = ScheduleResolver.resolve(spec, now);
        status = status.withScheduledBounds(bounds);
        TargetObservation target;
        try {
            target = actuator.observe(namespace, spec.scaleTargetRef(), spec.roleName());
        }
        catch (ActuatorException ex) {
            return status.withCondition(Condition.of(Condition.ABLE_TO_SCALE, false, ex.reason(), ex.getMessage(), now))
                    .withCondition(Condition.of(Condition.READY, false, ex.reason(), ex.getMessage(), now));
        }
        int current = target.replicas();
        status = status.withScales(status.desiredScale(), current)
                .withCondition(Condition.of(Condition.ABLE_TO_SCALE, true, "SucceededGetScale",
                        "the target's scale was read", now));
        int min = parameters.scaleToZero() ? bounds.effectiveMinReplicas() : Math.max(1, bounds.effectiveMinReplicas());
        int max = bounds.effectiveMaxReplicas();

        TargetMemory memory = memory(autoscaler);
        List<String> unknown = new ArrayList<>();
        int recommended = -1;
        String reason = null;
        for (int i = 0; i < spec.metricsSources().size(); i++) {
            MetricSource source = spec.metricsSources().get(i);
            TargetMemory.SourceMemory windows = memory.sources.get(i);
            MetricCollector.Reading reading = collector.read(source, target.readyPods());
            if (reading.total().isPresent()) {
                windows.stable.record(now, reading.total().getAsDouble());
                windows.panic.record(now, reading.total().getAsDouble());
                windows.lastSample = now;
            }
            if (windows.lastSample == null || windows.lastSample.plus(staleAfter).isBefore(now)) {
                unknown.add(source.targetMetric() + " (" + (reading.problem() == null ? "no sample" : reading.problem())
                        + ")");
                continue;
            }
            ScalingInput input = new ScalingInput(current, target.readyPods().size(), windows.stable.average(now),
                    orStable(windows.panic.average(now), windows.stable.average(now)), source.target(),
                    windows.stable.length(), parameters, now);
            Recommendation recommendation = algorithms.get(spec.scalingStrategy()).recommend(input, windows.panicState);
            windows.panicState = recommendation.panic();
            if (recommendation.replicas() > recommended) {
                recommended = recommendation.replicas();
                reason = source.targetMetric() + ": " + recommendation.reason();
            }
        }

        if (current == 0 && bounds.activeSchedule() == null && !parameters.scaleToZero()) {
            return status.withCondition(Condition.of(Condition.SCALING_ACTIVE, false, "ScalingDisabled",
                    "the target is scaled to 0; scaling resumes once it has replicas", now))
                    .withScales(0, 0).withCondition(Condition.of(Condition.READY, true, "AsExpected", "", now));
        }
        int desired;
        if (current > max) {
            desired = max;
            reason = "above maxReplicas " + max;
        }
        else if (current < min) {
            desired = min;
            reason = "below minReplicas " + min;
        }
        else if (recommended < 0) {
            desired = current;
        }
        else {
            int stabilized = memory.stabilizer.stabilize(now, current, recommended, parameters.scaleUpCooldown(),
                    parameters.scaleDownCooldown());
            desired = Math.max(min, Math.min(max, stabilized));
            if (!unknown.isEmpty()) {
                desired = Math.max(desired, current);
            }
        }

        if (unknown.isEmpty()) {
            status = status.withCondition(Condition.of(Condition.SCALING_ACTIVE, true, "ValidMetricFound",
                    "every metric source was read", now));
        }
        else {
            String message = "unknown: " + String.join("; ", unknown) + "; "
                    + (recommended < 0 ? "holding the scale" : "not scaling down");
            status = status.withCondition(Condition.of(Condition.SCALING_ACTIVE, false, METRICS_UNAVAILABLE, message,
                    now));
        }
        status = status.withScales(desired, current);
        if (desired != current) {
            status = apply(autoscaler, status, current, desired, reason, now);
        }
        Condition able = status.condition(Condition.ABLE_TO_SCALE);
        return status.withCondition(Condition.of(Condition.READY, able.isTrue(), able.isTrue() ? "AsExpected"
                : able.reason(), able.isTrue() ? "" : able.message(), now));
    }

    private PodAutoscalerStatus apply(PodAutoscaler autoscaler, PodAutoscalerStatus status, int current, int desired,
            String reason, Instant now) {
        PodAutoscalerSpec spec = autoscaler.spec();
        try {
            actuator.scale(autoscaler.metadata().namespace(), spec.scaleTargetRef(), spec.roleName(), desired);
            return status.withScalingEvent(new ScalingEvent(now, current, desired, reason, true, null))
                    .withCondition(Condition.of(Condition.ABLE_TO_SCALE, true, "SucceededRescale",
                            "scaled from " + current + " to " + desired, now));
        }
        catch (ActuatorException ex) {
            return status.withScalingEvent(new ScalingEvent(now, current, desired, reason, false, ex.getMessage()))
                    .withCondition(Condition.of(Condition.ABLE_TO_SCALE, false, ex.reason(), ex.getMessage(), now));
        }
    }

    private TargetMemory memory(PodAutoscaler autoscaler) {
        PodAutoscalerSpec spec = autoscaler.spec();
        Object fingerprint = List.of(spec, autoscaler.metadata().annotations());
        return memories.compute(autoscaler.key(), (key, existing) -> existing != null
                && existing.specFingerprint.equals(fingerprint) ? existing
                : new TargetMemory(fingerprint, spec.metricsSources().size(),
                        Duration.ofSeconds(spec.effectiveObserveWindowSeconds()),
                        Duration.ofSeconds(spec.effectivePanicWindowSeconds())));
    }

    private static double orStable(double panic, double stable) {
        return Double.isNaN(panic) ? stable : panic;
    }
}
