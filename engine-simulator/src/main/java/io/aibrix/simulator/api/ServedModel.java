package io.aibrix.simulator.api;

/** The target of a request: the base model ({@code adapter == null}) or a loaded LoRA adapter. */
record ServedModel(String name, String adapter, long adapterKey) {
}
