package io.aibrix.gateway.kvevents;

import java.util.Locale;

/** Where one engine's KV event feed stands. Only {@link #LIVE} engines' blocks count for routing. */
enum FeedState {

    /** Not connected yet since the engine was discovered. */
    CONNECTING,

    /** Connected, caught up and not silent. */
    LIVE,

    /** The stream ended, failed or went silent; reconnecting with backoff. */
    DOWN,

    /** The engine does not publish block events ({@code /server_info} says so, or has no such answer). */
    DISABLED;

    /** The metric tag: {@code connecting}, {@code live}, {@code down}, {@code disabled}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
