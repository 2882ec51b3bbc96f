package io.aibrix.gateway.routing.prefix;

/** What a prompt is cut into blocks of before hashing. */
enum PrefixTokenizer {

    /** The prompt text's characters; needs nothing from the engine. */
    CHARACTERS,

    /**
     * The engine's token IDs ({@code /tokenize}), so the gateway hashes exactly the blocks the engine caches; falls
     * back to characters for a request whose IDs are missing.
     */
    ENGINE
}
