package io.aibrix.autoscaler.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * {@code autoscaler.fleet.*}: the local engine fleet the local mode scales. A PodAutoscaler's
 * {@code scaleTargetRef.name} (plus {@code -role} with a role) names a fleet; its engines are named
 * {@code <fleet>-<n>} and serve {@code model}.
 *
 * @param engineJar         the engine-simulator's executable jar, or a directory holding exactly one
 *                          {@code engine-simulator-*-exec.jar} (a build's target directory); without it the fleet
 *                          cannot scale
 * @param java              the java launcher for engines; empty = the one running this service
 * @param jvmArgs           JVM options of each engine
 * @param engineArgs        extra engine arguments, for example {@code --simulator.profile=...}
 * @param model             the model every engine serves and registers
 * @param host              the address engines listen on and register
 * @param basePort          engines take the lowest free port from here
 * @param maxEngines        engines per fleet at most, whatever a PodAutoscaler asks
 * @param initialEngines    engines a fleet starts with when first used (a Deployment's default replicas)
 * @param startupDelay      a new engine answers 503 this long before serving (the cold start of a real engine)
 * @param drainGrace        how long a deregistered engine keeps serving before the drain check, so the gateway's
 *                          registry poll sees it gone first
 * @param drainTimeout      an engine still busy after this is stopped anyway
 * @param pollInterval      how often engines' health and drains are checked
 * @param heartbeatInterval how often registered engines heartbeat the registry
 * @param metadataUrl       metadata-service's base URL for the engine registry; unset = no registration
 * @param metadataToken     bearer token for metadata-service's {@code /internal/v1}
 * @param labels            labels registered with each engine
 * @param logDirectory      where each engine's output goes ({@code <name>.log}); unset = discarded
 */
@ConfigurationProperties("autoscaler.fleet")
@Validated
public record FleetProperties(
        @Nullable Path engineJar,
        @DefaultValue("") String java,
        @DefaultValue({"-XX:+UseSerialGC", "-Xmx384m"}) List<String> jvmArgs,
        @DefaultValue({}) List<String> engineArgs,
        @DefaultValue("llama3-8b") @NotBlank String model,
        @DefaultValue("127.0.0.1") @NotBlank String host,
        @DefaultValue("8100") @Min(1) @Max(65535) int basePort,
        @DefaultValue("16") @Min(1) int maxEngines,
        @DefaultValue("1") @Min(0) int initialEngines,
        @DefaultValue("0s") @NotNull Duration startupDelay,
        @DefaultValue("3s") @NotNull Duration drainGrace,
        @DefaultValue("60s") @NotNull Duration drainTimeout,
        @DefaultValue("500ms") @NotNull Duration pollInterval,
        @DefaultValue("10s") @NotNull Duration heartbeatInterval,
        @Nullable URI metadataUrl,
        @Nullable String metadataToken,
        @DefaultValue({}) Map<String, String> labels,
        @Nullable Path logDirectory) {

    public FleetProperties {
        jvmArgs = List.copyOf(jvmArgs);
        engineArgs = List.copyOf(engineArgs);
        labels = Map.copyOf(labels);
        requirePositive(pollInterval, "autoscaler.fleet.poll-interval");
        requirePositive(heartbeatInterval, "autoscaler.fleet.heartbeat-interval");
        if (startupDelay.isNegative() || drainGrace.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("autoscaler.fleet startup-delay, drain-grace and drain-timeout must not"
                    + " be negative but were " + startupDelay + ", " + drainGrace + ", " + drainTimeout);
        }
        if (basePort + maxEngines - 1 > 65535) {
            throw new IllegalArgumentException("autoscaler.fleet.base-port " + basePort + " leaves no room for "
                    + maxEngines + " engines below port 65536");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
