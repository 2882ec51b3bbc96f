package io.aibrix.gateway.replicas;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.endpoint.EndpointSnapshot;

/** Whether an engine address is in this replica's current discovery snapshot; addresses are cached per snapshot. */
final class KnownEngines implements Predicate<String> {

    private final EndpointRegistry endpoints;
    private volatile Known known = new Known(EndpointSnapshot.EMPTY, Set.of());

    KnownEngines(EndpointRegistry endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public boolean test(String address) {
        EndpointSnapshot snapshot = endpoints.current();
        Known current = known;
        if (current.snapshot != snapshot) {
            Set<String> addresses = new HashSet<>();
            for (Endpoint endpoint : snapshot.distinctEndpoints()) {
                addresses.add(endpoint.address());
            }
            current = new Known(snapshot, addresses);
            known = current;
        }
        return current.addresses.contains(address);
    }

    private record Known(EndpointSnapshot snapshot, Set<String> addresses) {
    }
}
