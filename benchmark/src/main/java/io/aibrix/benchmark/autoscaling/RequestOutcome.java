package io.aibrix.benchmark.autoscaling;

/**
 * One replayed request.
 *
 * @param sendSecond  replay seconds since the first request when it was sent
 * @param ttftSeconds time to the first streamed token, or NaN when it failed
 * @param error       why it failed, or null
 */
record RequestOutcome(double sendSecond, double ttftSeconds, String error) {

    boolean within(double sloSeconds) {
        return error == null && ttftSeconds <= sloSeconds;
    }
}
