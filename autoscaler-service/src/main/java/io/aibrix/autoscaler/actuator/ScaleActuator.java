package io.aibrix.autoscaler.actuator;

import io.aibrix.autoscaler.spec.ScaleTargetRef;

/** Reads and sets a target's replicas (of one role when {@code role} is set). */
public interface ScaleActuator {

    /** @throws ActuatorException when the target is missing or cannot be read */
    TargetObservation observe(String namespace, ScaleTargetRef target, String role) throws ActuatorException;

    /** @throws ActuatorException when the new scale could not be applied */
    void scale(String namespace, ScaleTargetRef target, String role, int replicas) throws ActuatorException;
}
