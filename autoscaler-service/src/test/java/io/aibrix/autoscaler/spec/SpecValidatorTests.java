package io.aibrix.autoscaler.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link SpecValidator}: AIBrix's {@code TestValidateSpec*} messages and our additions. */
class SpecValidatorTests {

    static final MetricSource WAITING = new MetricSource("pod", "http", null, "/metrics", "8000",
            "vllm:num_requests_waiting", "10");

    static PodAutoscaler autoscaler(PodAutoscalerSpec spec) {
        return autoscaler(spec, Map.of());
    }

    static PodAutoscaler autoscaler(PodAutoscalerSpec spec, Map<String, String> annotations) {
        return new PodAutoscaler(null, null, new ObjectMeta("llama", null, annotations, null), spec, null);
    }

    static PodAutoscalerSpec spec(String strategy, Integer observe, Integer panic) {
        return new PodAutoscalerSpec(new ScaleTargetRef("apps/v1", "Deployment", "llama"), null, 1, 5, strategy,
                List.of(WAITING), observe, panic, List.of());
    }

    private static List<String> messages(PodAutoscaler autoscaler) {
        try {
            SpecValidator.validate(autoscaler);
            return List.of();
        }
        catch (SpecViolation violation) {
            return violation.messages();
        }
    }

    @Test
    void aValidSpecYieldsAibrixDefaultParameters() {
        ScalingParameters parameters = SpecValidator.validate(autoscaler(spec("KPA", null, null)));

        assertThat(parameters).isEqualTo(ScalingParameters.DEFAULTS);
        assertThat(parameters.scaleDownCooldown()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void windowsMustBePositive() {
        assertThat(messages(autoscaler(spec("KPA", 0, null))))
                .containsExactly("observeWindowSeconds must be greater than 0.");
        assertThat(messages(autoscaler(spec("KPA", null, -1))))
                .containsExactly("panicWindowSeconds must be greater than 0.");
    }

    @Test
    void windowsMustNotExceedAnHour() {
        assertThat(messages(autoscaler(spec("KPA", 3601, 60))))
                .containsExactly("observeWindowSeconds must be less than or equal to 3600.");
        assertThat(messages(autoscaler(spec("KPA", 3600, 3600)))).isEmpty();
    }

    @Test
    void thePanicWindowMustNotExceedTheObserveWindow() {
        assertThat(messages(autoscaler(spec("KPA", 30, 60))))
                .containsExactly("panicWindowSeconds must be less than or equal to observeWindowSeconds.");
    }

    @Test
    void hpaWithARoleIsRejected() {
        PodAutoscalerSpec base = spec("HPA", null, null);
        PodAutoscalerSpec withRole = new PodAutoscalerSpec(base.scaleTargetRef(), new SubTargetSelector("prefill"),
                1, 5, "HPA", base.metricsSources(), null, null, List.of());

        assertThatThrownBy(() -> SpecValidator.validate(autoscaler(withRole)))
                .isInstanceOfSatisfying(SpecViolation.class, violation -> {
                    assertThat(violation.reason()).isEqualTo(SpecViolation.INVALID_SPEC);
                    assertThat(violation.messages())
                            .containsExactly("subTargetSelector.roleName is not supported with scalingStrategy HPA.");
                });
    }

    @Test
    void anUnknownStrategyNamesTheValue() {
        assertThatThrownBy(() -> SpecValidator.validate(autoscaler(spec("LINEAR", null, null))))
                .isInstanceOfSatisfying(SpecViolation.class, violation -> {
                    assertThat(violation.reason()).isEqualTo(SpecViolation.INVALID_SCALING_STRATEGY);
                    assertThat(violation.messages())
                            .containsExactly("scalingStrategy must be one of KPA, APA, HPA but was 'LINEAR'.");
                });
    }

    @Test
    void boundsAreChecked() {
        PodAutoscalerSpec inverted = new PodAutoscalerSpec(new ScaleTargetRef(null, "Deployment", "llama"), null, 6,
                5, "APA", List.of(WAITING), null, null, List.of());

        assertThatThrownBy(() -> SpecValidator.validate(autoscaler(inverted)))
                .isInstanceOfSatisfying(SpecViolation.class, violation -> {
                    assertThat(violation.reason()).isEqualTo(SpecViolation.INVALID_BOUNDS);
                    assertThat(violation.messages())
                            .containsExactly("minReplicas (6) must be less than or equal to maxReplicas (5).");
                });
    }

    @Test
    void aMissingTargetIsReportedAsSuch() {
        PodAutoscalerSpec noTarget = new PodAutoscalerSpec(null, null, 1, 5, "KPA", List.of(WAITING), null, null,
                List.of());

        assertThatThrownBy(() -> SpecValidator.validate(autoscaler(noTarget)))
                .isInstanceOfSatisfying(SpecViolation.class,
                        violation -> assertThat(violation.reason()).isEqualTo(SpecViolation.MISSING_SCALE_TARGET_REF));
    }

    @Test
    void metricSourcesNeedAPositiveTarget() {
        MetricSource zero = new MetricSource("pod", null, null, null, null, "vllm:num_requests_waiting", "0");
        PodAutoscalerSpec spec = new PodAutoscalerSpec(new ScaleTargetRef(null, "Deployment", "llama"), null, 1, 5,
                "KPA", List.of(zero), null, null, List.of());

        assertThatThrownBy(() -> SpecValidator.validate(autoscaler(spec)))
                .isInstanceOfSatisfying(SpecViolation.class, violation -> {
                    assertThat(violation.reason()).isEqualTo(SpecViolation.METRICS_CONFIG_ERROR);
                    assertThat(violation.messages())
                            .containsExactly("metricsSources[0].targetValue must be greater than 0 but was '0'.");
                });
    }

    @Test
    void schedulesMustNotCrossMidnightAndNeedARealTimeZone() {
        Schedule overnight = new Schedule("night", "Mars/Olympus", List.of("Funday"), "22:00", "06:00", 0, null);
        PodAutoscalerSpec spec = new PodAutoscalerSpec(new ScaleTargetRef(null, "Deployment", "llama"), null, 1, 5,
                "KPA", List.of(WAITING), null, null, List.of(overnight));

        assertThat(messages(autoscaler(spec))).containsExactly(
                "schedules[0].timezone must be an IANA time zone but was 'Mars/Olympus'.",
                "schedules[0].daysOfWeek must be Mon..Sun but had 'Funday'.",
                "schedules[0].endTime must be after startTime (schedules do not cross midnight).");
    }

    @Test
    void aBadAnnotationNamesItsKeyAndValue() {
        assertThatThrownBy(() -> SpecValidator.validate(autoscaler(spec("KPA", null, null),
                Map.of(ScalingParameters.MAX_SCALE_UP_RATE, "fast"))))
                .isInstanceOfSatisfying(SpecViolation.class, violation -> assertThat(violation.messages())
                        .containsExactly("annotation autoscaling.aibrix.ai/max-scale-up-rate must be a number >= 1.0"
                                + " but was 'fast'."));
    }

    @Test
    void annotationsOverrideTheDefaults() {
        ScalingParameters parameters = SpecValidator.validate(autoscaler(spec("KPA", null, null), Map.of(
                ScalingParameters.SCALE_DOWN_COOLDOWN, "30s", ScalingParameters.PANIC_THRESHOLD, "3",
                ScalingParameters.SCALE_UP_TOLERANCE, "0.2")));

        assertThat(parameters.scaleDownCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parameters.panicThreshold()).isEqualTo(3.0);
        assertThat(parameters.scaleUpTolerance()).isEqualTo(0.2);
    }
}
