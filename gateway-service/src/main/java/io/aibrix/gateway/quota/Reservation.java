package io.aibrix.gateway.quota;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aibrix.gateway.openai.Usage;

import org.springframework.lang.Nullable;

/** What an admitted request was charged, given back or corrected once when it ends. */
final class Reservation implements QuotaTicket {

    private final QuotaStore store;
    private final List<QuotaStore.Adjustment> refund;
    private final @Nullable QuotaStore.Adjustment tokens;
    private final Map<String, String> headers;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * @param refund  one negative adjustment per charge, each giving back exactly what was added
     * @param tokens  the refund of the token charge (its delta is minus the reserved tokens), or null without one
     */
    Reservation(QuotaStore store, List<QuotaStore.Adjustment> refund, @Nullable QuotaStore.Adjustment tokens,
            Map<String, String> headers) {
        this.store = store;
        this.refund = List.copyOf(refund);
        this.tokens = tokens;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void end(@Nullable Usage usage, boolean failed) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (failed) {
            store.adjust(refund);
            return;
        }
        QuotaStore.Adjustment reserved = tokens;
        if (usage != null && reserved != null) {
            long delta = usage.totalTokens() + reserved.delta();
            if (delta != 0) {
                store.adjust(List.of(new QuotaStore.Adjustment(reserved.scope(), reserved.window(),
                        reserved.windowIndex(), delta)));
            }
        }
    }
}
