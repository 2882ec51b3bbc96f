package io.aibrix.autoscaler.spec;

/** Scales one role (for example {@code prefill} or {@code decode}) of a role-based target instead of all of it. */
public record SubTargetSelector(String roleName) {
}
