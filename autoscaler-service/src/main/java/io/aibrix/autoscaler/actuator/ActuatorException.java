package io.aibrix.autoscaler.actuator;

/** A target that could not be read or scaled, with a condition reason ({@code FailedGetScale}, ...). */
public final class ActuatorException extends Exception {

    public static final String FAILED_GET_SCALE = "FailedGetScale";
    public static final String FAILED_UPDATE_SCALE = "FailedUpdateScale";

    private final String reason;

    public ActuatorException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ActuatorException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
