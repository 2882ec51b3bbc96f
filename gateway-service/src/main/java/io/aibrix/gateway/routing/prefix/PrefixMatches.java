package io.aibrix.gateway.routing.prefix;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;

/**
 * One request's prompt blocks matched against one candidate list: per candidate (aligned with {@code candidates}) the
 * leading blocks it holds and whether the load guard took it out.
 */
record PrefixMatches(RoutingRequest request, PromptBlocks blocks, List<Candidate> candidates, int[] matched,
        boolean[] overloaded) {

    /** The longest match of any candidate, overloaded ones included. */
    int longest() {
        int longest = 0;
        for (int value : matched) {
            longest = Math.max(longest, value);
        }
        return longest;
    }

    /** The position of the candidate at {@code address}, or -1. */
    int indexOf(String address) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).endpoint().address().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    /** Why the candidate at {@code chosen} won, as far as prefixes go. */
    SelectionReason reason(int chosen) {
        int longest = longest();
        if (longest == 0) {
            return SelectionReason.NO_MATCH;
        }
        return matched[chosen] == longest ? SelectionReason.PREFIX_MATCH : SelectionReason.LOAD_GUARD;
    }

    enum SelectionReason {

        /** The chosen pod holds the longest cached prefix any candidate holds. */
        PREFIX_MATCH("prefix_match"),

        /** A pod with a longer cached prefix was passed over for load. */
        LOAD_GUARD("load_guard"),

        /** No candidate holds any block of the prompt. */
        NO_MATCH("no_match");

        private final String tag;

        SelectionReason(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }
}
