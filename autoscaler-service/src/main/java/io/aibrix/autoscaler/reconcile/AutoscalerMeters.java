package io.aibrix.autoscaler.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.aibrix.autoscaler.spec.Condition;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.spec.ScalingEvent;
import io.aibrix.autoscaler.spec.ScalingStrategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * What the control loop exports, per PodAutoscaler ({@code namespace}, {@code name}, {@code strategy} tags), from the
 * statuses the rounds produce:
 * <ul>
 * <li>{@code aibrix_autoscaler_desired_replicas} and {@code aibrix_autoscaler_actual_replicas}: the status's desired
 * and observed scale (NaN until the first observation);</li>
 * <li>{@code aibrix_autoscaler_condition{type}}: 1 while the condition is {@code True}, else 0;</li>
 * <li>{@code aibrix_autoscaler_scale_action_total{direction, outcome}}: scale changes the loop applied (up or down,
 * success or failure), AIBrix's {@code aibrix_autoscaler_scale_action} without the free-text reason, whose numbers
 * would make a series per decision; all four series exist from the first round, so {@code rate()} sees zeros;</li>
 * <li>{@code aibrix_autoscaler_reconcile_seconds}: the duration of a round over every PodAutoscaler, and
 * {@code aibrix_autoscaler_pod_autoscalers}: how many the last round saw.</li>
 * </ul>
 * A deleted PodAutoscaler's series are removed with it.
 */
public final class AutoscalerMeters {

    static final List<String> CONDITIONS = List.of(Condition.READY, Condition.VALID_SPEC, Condition.CONFLICT,
            Condition.SCALING_ACTIVE, Condition.ABLE_TO_SCALE);

    private final MeterRegistry registry;
    private final Timer rounds;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile int count;

    public AutoscalerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.rounds = Timer.builder("aibrix.autoscaler.reconcile")
                .description("Duration of one reconcile round over every PodAutoscaler")
                .register(registry);
        Gauge.builder("aibrix.autoscaler.pod.autoscalers", this, meters -> meters.count)
                .description("PodAutoscalers the last round saw")
                .register(registry);
    }

    void round(long nanos, int autoscalers) {
        rounds.record(nanos, TimeUnit.NANOSECONDS);
        count = autoscalers;
    }

    /** Records a round's outcome for one PodAutoscaler: its new status, and the scale change it made, if any. */
    void observed(PodAutoscaler autoscaler, PodAutoscalerStatus before, PodAutoscalerStatus after) {
        Tracked meters = tracked.compute(autoscaler.key(), (key, existing) -> {
            String strategy = strategy(autoscaler);
            if (existing != null && existing.strategy.equals(strategy)) {
                return existing;
            }
            if (existing != null) {
                existing.remove(registry);
            }
            return new Tracked(registry, autoscaler, strategy);
        });
        meters.desired = after.desiredScale() == null ? Double.NaN : after.desiredScale();
        meters.actual = after.actualScale() == null ? Double.NaN : after.actualScale();
        for (String type : CONDITIONS) {
            Condition condition = after.condition(type);
            meters.conditions.put(type, condition != null && condition.isTrue() ? 1.0 : 0.0);
        }
        ScalingEvent event = latest(after);
        if (event != null && !event.equals(latest(before)) && event.newScale() != event.previousScale()) {
            meters.action(event.newScale() > event.previousScale(), event.success()).increment();
        }
    }

    /** Removes the series of PodAutoscalers that no longer exist. */
    void retainOnly(Set<String> keys) {
        tracked.entrySet().removeIf(entry -> {
            if (keys.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().remove(registry);
            return true;
        });
    }

    private static ScalingEvent latest(PodAutoscalerStatus status) {
        List<ScalingEvent> history = status == null ? List.of() : status.scalingHistory();
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** The strategy as a bounded tag value: KPA, APA, HPA, or "invalid". */
    private static String strategy(PodAutoscaler autoscaler) {
        ScalingStrategy strategy = autoscaler.spec() == null ? null
                : ScalingStrategy.parse(autoscaler.spec().scalingStrategy());
        return strategy == null ? "invalid" : strategy.name();
    }

    /** One PodAutoscaler's meters; the gauges read its volatile fields. */
    private static final class Tracked {

        private final String strategy;
        private final List<Meter> meters = new ArrayList<>();
        private final Map<String, Double> conditions = new ConcurrentHashMap<>();
        private final Counter[] actions = new Counter[4];
        private volatile double desired = Double.NaN;
        private volatile double actual = Double.NaN;

        Tracked(MeterRegistry registry, PodAutoscaler autoscaler, String strategy) {
            this.strategy = strategy;
            Tags tags = Tags.of("namespace", autoscaler.metadata().namespace(), "name", autoscaler.metadata().name(),
                    "strategy", strategy);
            meters.add(Gauge.builder("aibrix.autoscaler.desired.replicas", this, t -> t.desired)
                    .description("Replicas the PodAutoscaler's last round decided on").tags(tags)
                    .strongReference(true).register(registry));
            meters.add(Gauge.builder("aibrix.autoscaler.actual.replicas", this, t -> t.actual)
                    .description("Replicas the PodAutoscaler's target had at its last round").tags(tags)
                    .strongReference(true).register(registry));
            for (String type : CONDITIONS) {
                conditions.put(type, 0.0);
                meters.add(Gauge.builder("aibrix.autoscaler.condition", this, t -> t.conditions.get(type))
                        .description("1 while the PodAutoscaler's condition is True, else 0")
                        .tags(tags.and("type", type)).strongReference(true).register(registry));
            }
            int i = 0;
            for (String direction : List.of("up", "down")) {
                for (String outcome : List.of("success", "failure")) {
                    actions[i] = Counter.builder("aibrix.autoscaler.scale.action")
                            .description("Scale changes applied to the PodAutoscaler's target")
                            .tags(tags.and("direction", direction, "outcome", outcome)).register(registry);
                    meters.add(actions[i++]);
                }
            }
        }

        Counter action(boolean up, boolean success) {
            return actions[(up ? 0 : 2) + (success ? 0 : 1)];
        }

        void remove(MeterRegistry registry) {
            meters.forEach(registry::remove);
        }
    }
}
