package io.aibrix.lora.reconcile;

import java.net.URI;

/** One step of a reconcile plan; the applier performs it and records its outcome. */
public sealed interface Action {

    /** The adapter the action is about. */
    String adapter();

    /** Load {@code adapter} from {@code path} on an engine. */
    record Load(String adapter, long generation, String engine, URI baseUri, String path) implements Action {
    }

    /** Unload {@code adapter} from an engine. */
    record Unload(String adapter, String engine, URI baseUri, String reason) implements Action {
    }

    /** Record a new status for an adapter; {@code previous} is what metadata-service had. */
    record UpdateStatus(String adapter, AdapterStatus previous, AdapterStatus status) implements Action {
    }
}
