package io.aibrix.benchmark.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Request size classes for the poisson workload, e.g. {@code 0.9:300:150,0.1:6000:600} = 90 % 300-token prompts with
 * 150 output tokens and 10 % 6000/600. Weights are relative.
 */
public record RequestMix(List<SizeClass> classes) {

    /** One size class; token counts are prompt words and output tokens. */
    public record SizeClass(double weight, int inputTokens, int outputTokens) {

        public SizeClass {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be a positive number but was " + weight);
            }
            if (inputTokens < 1 || outputTokens < 1) {
                throw new IllegalArgumentException("token counts must be >= 1 but were " + inputTokens + " and "
                        + outputTokens);
            }
        }
    }

    public RequestMix {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a request mix needs at least one class");
        }
    }

    public static RequestMix single(int inputTokens, int outputTokens) {
        return new RequestMix(List.of(new SizeClass(1, inputTokens, outputTokens)));
    }

    /** Parses {@code weight:input:output[,weight:input:output...]}. */
    public static RequestMix parse(String text) {
        List<SizeClass> classes = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] fields = part.trim().split(":");
            if (fields.length != 3) {
                throw new IllegalArgumentException("expected weight:inputTokens:outputTokens but got '" + part.trim()
                        + "'");
            }
            try {
                classes.add(new SizeClass(Double.parseDouble(fields[0]), Integer.parseInt(fields[1]),
                        Integer.parseInt(fields[2])));
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not weight:inputTokens:outputTokens",
                        ex);
            }
        }
        return new RequestMix(classes);
    }

    public SizeClass pick(RandomGenerator random) {
        if (classes.size() == 1) {
            return classes.getFirst();
        }
        double total = classes.stream().mapToDouble(SizeClass::weight).sum();
        double point = random.nextDouble() * total;
        for (SizeClass sizeClass : classes) {
            point -= sizeClass.weight();
            if (point < 0) {
                return sizeClass;
            }
        }
        return classes.getLast();
    }

    @Override
    public String toString() {
        return String.join(",", classes.stream()
                .map(c -> c.weight() + ":" + c.inputTokens() + ":" + c.outputTokens())
                .toList());
    }
}
