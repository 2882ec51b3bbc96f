package io.aibrix.gateway.pd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Router;
import io.aibrix.gateway.routing.RoutingRequest;

/**
 * The {@code pd} debug headers: {@code host:port=score} pairs joined by commas, the chosen engine first, then best
 * (lowest) to worst, skipped engines ({@code NaN}) last; {@code ;fast-path} is appended when the imbalance fast path
 * chose by load alone. Scores are rounded to 4 decimals.
 */
final class PdDebug {

    private PdDebug() {
    }

    /** Whether the request asked for routing debug headers ({@value Router#DEBUG_REQUEST_HEADER}: true). */
    static boolean requested(RoutingRequest request) {
        String value = request.header(Router.DEBUG_REQUEST_HEADER);
        return value != null && "true".equalsIgnoreCase(value.strip());
    }

    static String scores(List<Candidate> candidates, double[] scores, int chosen, boolean fastPath) {
        List<Integer> order = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> i != chosen)
            .thenComparingDouble(i -> Double.isNaN(scores[i]) ? Double.POSITIVE_INFINITY : scores[i]));
        StringBuilder text = new StringBuilder();
        for (int i : order) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(candidates.get(i).endpoint().address()).append('=').append(format(scores[i]));
        }
        return fastPath ? text.append(";fast-path").toString() : text.toString();
    }

    static String format(double score) {
        if (!Double.isFinite(score)) {
            return Double.isNaN(score) ? "NaN" : "Infinity";
        }
        String text = BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return "-0".equals(text) ? "0" : text;
    }
}
