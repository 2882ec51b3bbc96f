package io.aibrix.autoscaler.fleet;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local fleets as they are: every engine (starting, ready or draining) of every fleet, as
 * {@code name@port:STATE}. Starting and draining engines count: they hold a GPU in a real deployment.
 */
@RestController
@ConditionalOnProperty(name = "autoscaler.mode", havingValue = "local", matchIfMissing = true)
final class FleetController {

    private final LocalFleet fleet;

    FleetController(LocalFleet fleet) {
        this.fleet = fleet;
    }

    @GetMapping("/internal/v1/fleets")
    Map<String, List<String>> fleets() {
        return fleet.describe();
    }
}
