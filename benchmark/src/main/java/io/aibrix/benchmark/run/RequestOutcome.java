package io.aibrix.benchmark.run;

/** A result row plus the generated text, which multi-turn sessions feed into the next turn. */
public record RequestOutcome(RequestResult result, String text) {
}
