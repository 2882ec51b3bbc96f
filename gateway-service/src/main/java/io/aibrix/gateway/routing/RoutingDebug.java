package io.aibrix.gateway.routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in routing debug answer. A request with {@value Router#DEBUG_REQUEST_HEADER}{@code : true} gets:
 * <ul>
 * <li>{@value #SCORES_HEADER}: {@code host:port=score} pairs joined by commas, the chosen engine first, the others in
 * order of preference (best first, unscored last). For a single scoring strategy the score is its raw score; for a
 * weighted combination it is the final score in [0, 1], higher is better. A strategy that does not score answers
 * {@value #UNSCORED}.</li>
 * <li>{@value #DETAILS_HEADER}: for a single scoring strategy {@code name(lower-is-better)} or
 * {@code name(higher-is-better)}, telling how to read its raw scores; for a combination, one
 * {@code name:weight(host:port=normalised,...)} group per member joined by {@code ;}, with the member's min-max
 * normalised scores (1 is best) in the same engine order as {@value #SCORES_HEADER}.</li>
 * </ul>
 * Scores are rounded to 4 decimals; a candidate a strategy cannot score shows {@code NaN}. They are computed right
 * after the decision and before any post-route hook, so they show the state the decision saw.
 */
final class RoutingDebug {

    static final String SCORES_HEADER = "x-aibrix-routing-scores";

    static final String DETAILS_HEADER = "x-aibrix-routing-score-details";

    static final String UNSCORED = "unscored";

    private static final Logger log = LoggerFactory.getLogger(RoutingDebug.class);

    private RoutingDebug() {
    }

    /** Whether the request asked for the debug headers; allocates nothing. */
    static boolean requested(RoutingRequest request) {
        String value = request.headers().get(Router.DEBUG_REQUEST_HEADER);
        return value != null && "true".equalsIgnoreCase(value.strip());
    }

    /** Adds the debug headers for a decision among {@code candidates} (in the order the strategy saw them). */
    static void describe(RoutingStrategy strategy, RoutingRequest request, List<Candidate> candidates, Endpoint chosen,
            Map<String, String> headers) {
        try {
            if (strategy instanceof WeightedRoutingStrategy weighted) {
                describeCombination(weighted, request, candidates, chosen, headers);
            }
            else if (strategy instanceof PodScorer scorer) {
                double[] raw = scorer.scoreAll(request, candidates);
                List<Integer> order = order(raw, scorer.polarity(), candidates, chosen);
                headers.put(SCORES_HEADER, pairs(order, raw, candidates));
                headers.put(DETAILS_HEADER, strategy.name() + "(" + polarityName(scorer.polarity()) + ")");
            }
            else {
                headers.put(SCORES_HEADER, UNSCORED);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Routing debug scores of {} failed for request {}", strategy.name(), request.requestId(), ex);
            headers.put(SCORES_HEADER, UNSCORED);
        }
    }

    private static void describeCombination(WeightedRoutingStrategy weighted, RoutingRequest request,
            List<Candidate> candidates, Endpoint chosen, Map<String, String> headers) {
        List<WeightedRoutingStrategy.Member> members = weighted.members();
        double[][] perMember = new double[members.size()][];
        double[] total = weighted.scores(request, candidates, perMember);
        List<Integer> order = order(total, PodScorer.Polarity.HIGHER_IS_BETTER, candidates, chosen);
        headers.put(SCORES_HEADER, pairs(order, total, candidates));
        StringBuilder details = new StringBuilder();
        for (int m = 0; m < members.size(); m++) {
            WeightedRoutingStrategy.Member member = members.get(m);
            if (m > 0) {
                details.append(';');
            }
            details.append(member.strategy().name()).append(':').append(member.weight()).append('(')
                .append(pairs(order, perMember[m], candidates)).append(')');
        }
        headers.put(DETAILS_HEADER, details.toString());
    }

    /** Candidate indexes: the chosen one first, then best to worst by {@code scores}, NaN last, stable otherwise. */
    private static List<Integer> order(double[] scores, PodScorer.Polarity polarity, List<Candidate> candidates,
            Endpoint chosen) {
        List<Integer> order = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        Comparator<Integer> byScore = Comparator.comparingDouble((Integer i) -> Double.isFinite(scores[i])
                ? (polarity == PodScorer.Polarity.LOWER_IS_BETTER ? scores[i] : -scores[i])
                : Double.POSITIVE_INFINITY);
        Comparator<Integer> chosenFirst = Comparator
            .comparing((Integer i) -> !candidates.get(i).endpoint().address().equals(chosen.address()));
        order.sort(chosenFirst.thenComparing(byScore));
        return order;
    }

    private static String pairs(List<Integer> order, double[] scores, List<Candidate> candidates) {
        StringBuilder result = new StringBuilder();
        for (int i : order) {
            if (!result.isEmpty()) {
                result.append(',');
            }
            result.append(candidates.get(i).endpoint().address()).append('=').append(format(scores[i]));
        }
        return result.toString();
    }

    /** At most 4 decimals, no trailing zeros, no exponent: {@code 3}, {@code 0.125}, {@code NaN}. */
    static String format(double score) {
        if (!Double.isFinite(score)) {
            return Double.isNaN(score) ? "NaN" : score > 0 ? "Infinity" : "-Infinity";
        }
        String text = BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
            .toPlainString();
        return "-0".equals(text) ? "0" : text;
    }

    private static String polarityName(PodScorer.Polarity polarity) {
        return polarity == PodScorer.Polarity.LOWER_IS_BETTER ? "lower-is-better" : "higher-is-better";
    }
}
