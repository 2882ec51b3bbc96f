package io.aibrix.autoscaler.fleet;

import java.time.Instant;

/** One engine of the fleet and where it is in its life: starting, serving, draining. Guarded by the fleet. */
final class EngineProcess {

    enum State { STARTING, READY, DRAINING }

    final String name;
    final int port;
    final Process process;
    final Instant launched;
    State state = State.STARTING;
    Instant drainingSince;
    Instant lastHeartbeat;

    EngineProcess(String name, int port, Process process, Instant launched) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.launched = launched;
    }
}
