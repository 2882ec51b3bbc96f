package io.aibrix.benchmark.workload;

import java.util.Objects;

/**
 * One class of end users for the user-classes workload: {@code weight} is the class's relative share of requests,
 * spread evenly over its {@code users} users (named {@code <name>-<i>}); prompts are uniform in
 * {@code [minPromptTokens, maxPromptTokens]} words and every request generates {@code outputTokens}.
 */
public record UserClass(String name, double weight, int users, int minPromptTokens, int maxPromptTokens,
        int outputTokens) {

    public UserClass {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a user class needs a name");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a positive number but was " + weight);
        }
        if (users < 1 || minPromptTokens < 1 || maxPromptTokens < minPromptTokens || outputTokens < 1) {
            throw new IllegalArgumentException("class " + name + " needs users >= 1, 1 <= minPromptTokens <= "
                    + "maxPromptTokens and outputTokens >= 1");
        }
    }

    /** The name of the class's user number {@code index}. */
    public String user(int index) {
        return name + "-" + index;
    }

    @Override
    public String toString() {
        return name + ":" + weight + ":" + users + ":" + minPromptTokens + "-" + maxPromptTokens + ":" + outputTokens;
    }
}
