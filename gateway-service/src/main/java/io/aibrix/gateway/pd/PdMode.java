package io.aibrix.gateway.pd;

import java.util.Locale;

/** How a {@code pd} request was served; reported in {@code x-aibrix-pd-mode} and the {@code mode} metric tag. */
enum PdMode {

    /** Prefilled on a prefill engine, decoded on a decode engine with the transferred KV. */
    DISAGGREGATED,

    /** The prefill failed or no prefill engine was usable: a decode engine ran the whole request. */
    FALLBACK,

    /** No prefill/decode pair: an engine without a role ran the whole request. */
    COMBINED;

    /** The lower-case name used in headers and metric tags. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
