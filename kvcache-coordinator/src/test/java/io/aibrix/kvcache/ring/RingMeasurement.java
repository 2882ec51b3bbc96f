package io.aibrix.kvcache.ring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures, for 3 to 64 nodes with the default 4096 slots and 100 virtual nodes, every assignment mode's max/mean slot
 * load and the fraction of slots (and so of uniformly hashed keys) that change owner when one node joins or leaves.
 * Prints the Markdown "Ring" section of docs/benchmarks/kvcache.md, or writes it into the file given as argument
 * (replacing the text between the ring markers).
 */
public final class RingMeasurement {

    static final int MIN_NODES = 3;
    static final int MAX_NODES = 64;
    static final int JOINERS = 4;
    static final String BEGIN = "<!-- ring:begin -->";
    static final String END = "<!-- ring:end -->";

    /** One mode at one cluster size; movement figures are multiples of 1/N (N = nodes before the change). */
    record Row(Assignment assignment, int nodes, double maxOverMean, double joinMoved, double leaveMoved) {

        double joinTimesN() {
            return joinMoved * nodes;
        }

        double leaveTimesN() {
            return leaveMoved * nodes;
        }
    }

    public static void main(String[] args) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Assignment assignment : Assignment.values()) {
            for (int n = MIN_NODES; n <= MAX_NODES; n++) {
                rows.add(measure(RingOptions.defaults().withAssignment(assignment), n));
            }
        }
        String section = markdown(rows);
        if (args.length == 0) {
            System.out.println(section);
            return;
        }
        Path file = Path.of(args[0]);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no " + BEGIN + " ... " + END + " markers");
        }
        Files.writeString(file, text.substring(0, begin + BEGIN.length()) + "\n" + section
                + text.substring(end), StandardCharsets.UTF_8);
    }

    static Row measure(RingOptions options, int n) {
        RingBuilder builder = new RingBuilder(options);
        List<RingNode> members = nodes(n);
        Ring ring = builder.next(builder.empty(), members);
        int[] loads = ring.loads();
        int max = 0;
        for (int load : loads) {
            max = Math.max(max, load);
        }
        double maxOverMean = max / ((double) options.slotCount() / n);
        double join = 0;
        for (int j = 0; j < JOINERS; j++) {
            List<RingNode> joined = new ArrayList<>(members);
            joined.add(node("joiner-" + j));
            join = Math.max(join, moved(ring, builder.next(ring, joined)));
        }
        double leave = 0;
        for (RingNode leaving : members) {
            List<RingNode> left = new ArrayList<>(members);
            left.remove(leaving);
            leave = Math.max(leave, moved(ring, builder.next(ring, left)));
        }
        return new Row(options.assignment(), n, maxOverMean, join, leave);
    }

    static List<RingNode> nodes(int n) {
        List<RingNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node("kvcache-" + i));
        }
        return nodes;
    }

    private static RingNode node(String name) {
        return new RingNode(name, "10.0.0.1", 18512, 1);
    }

    /** Fraction of slots whose owner differs. */
    static double moved(Ring before, Ring after) {
        String[] a = before.ownerNames();
        String[] b = after.ownerNames();
        int moved = 0;
        for (int slot = 0; slot < a.length; slot++) {
            if (!a[slot].equals(b[slot])) {
                moved++;
            }
        }
        return (double) moved / a.length;
    }

    private static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Worst case over N = ").append(MIN_NODES).append("..").append(MAX_NODES)
                .append(" (4096 slots, 100 virtual nodes per node, unweighted). Movement is the largest fraction of ")
                .append("slots that changed owner, over every possible leaving node and ").append(JOINERS)
                .append(" different joining names, as a multiple of 1/N (N = nodes before the change; the ")
                .append("requirement is at most 1.10).\n\n");
        out.append("| assignment | worst max/mean load | at N | worst join moved ×N | worst leave moved ×N |\n");
        out.append("|---|---|---|---|---|\n");
        for (Assignment assignment : Assignment.values()) {
            List<Row> mine = rows.stream().filter(row -> row.assignment() == assignment).toList();
            Row load = mine.stream().max((x, y) -> Double.compare(x.maxOverMean(), y.maxOverMean())).orElseThrow();
            double join = mine.stream().mapToDouble(Row::joinTimesN).max().orElseThrow();
            double leave = mine.stream().mapToDouble(Row::leaveTimesN).max().orElseThrow();
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %d | %.3f | %.3f |%n", name(assignment),
                    load.maxOverMean(), load.nodes(), join, leave));
        }
        out.append("\nPer cluster size (max/mean load; join moved ×N; leave moved ×N):\n\n");
        out.append("| N | virtual-nodes | bounded-loads | balanced |\n|---|---|---|---|\n");
        for (int n : new int[] {3, 4, 5, 8, 12, 16, 24, 32, 48, 64}) {
            out.append("| ").append(n);
            for (Assignment assignment : Assignment.values()) {
                Row row = rows.stream().filter(r -> r.assignment() == assignment && r.nodes() == n).findFirst()
                        .orElseThrow();
                out.append(String.format(Locale.ROOT, " | %.3f; %.2f; %.2f", row.maxOverMean(), row.joinTimesN(),
                        row.leaveTimesN()));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    static String name(Assignment assignment) {
        return assignment.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
