package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed weighted combination such as {@code "least-request:2,least-kv-cache"}: comma-separated items
 * {@code name[:weight]}, blanks around names and weights ignored. A weight is a decimal integer in
 * [0, {@value #MAX_WEIGHT}], 1 when omitted; 0 drops the member, but not all may be 0.
 *
 * @param members the members in the given order, zero-weight ones included (their names must still exist)
 */
record WeightedSpec(List<Member> members) {

    static final int MAX_WEIGHT = 1_000_000;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,7}");

    record Member(String name, int weight) {
    }

    WeightedSpec {
        members = List.copyOf(members);
    }

    /** Whether {@code spec} is a combination rather than a single strategy name. */
    static boolean isCombination(String spec) {
        return spec.indexOf(',') >= 0 || spec.indexOf(':') >= 0;
    }

    static WeightedSpec parse(String spec) {
        String[] items = spec.split(",", -1);
        List<Member> members = new ArrayList<>(items.length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.isEmpty()) {
                throw new InvalidRoutingStrategyException(spec, "item " + (i + 1) + " is empty");
            }
            String[] parts = item.split(":", -1);
            if (parts.length > 2) {
                throw new InvalidRoutingStrategyException(spec, "item '" + item + "' has more than one ':'");
            }
            String name = parts[0].strip();
            if (name.isEmpty()) {
                throw new InvalidRoutingStrategyException(spec, "item '" + item + "' has no strategy name");
            }
            int weight = parts.length == 2 ? parseWeight(spec, name, parts[1].strip()) : 1;
            if (!seen.add(name)) {
                throw new InvalidRoutingStrategyException(spec, "duplicate member '" + name + "'");
            }
            members.add(new Member(name, weight));
        }
        if (members.stream().allMatch(m -> m.weight() == 0)) {
            throw new InvalidRoutingStrategyException(spec, "all weights are 0");
        }
        return new WeightedSpec(members);
    }

    /** The members that take part (weight above 0). */
    List<Member> active() {
        return members.stream().filter(m -> m.weight() > 0).toList();
    }

    /** The canonical form, {@code name:weight} of the active members joined by commas. */
    String normalised() {
        StringBuilder result = new StringBuilder();
        for (Member member : active()) {
            if (!result.isEmpty()) {
                result.append(',');
            }
            result.append(member.name()).append(':').append(member.weight());
        }
        return result.toString();
    }

    private static int parseWeight(String spec, String name, String weight) {
        if (DIGITS.matcher(weight).matches()) {
            int value = Integer.parseInt(weight);
            if (value <= MAX_WEIGHT) {
                return value;
            }
        }
        throw new InvalidRoutingStrategyException(spec,
                "weight '" + weight + "' of '" + name + "' is not an integer in [0, " + MAX_WEIGHT + "]");
    }
}
