package io.aibrix.metadata.adapters;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a phase as its API spelling, so the column reads the same as the JSON. */
@Converter
final class AdapterPhaseConverter implements AttributeConverter<AdapterPhase, String> {

    @Override
    public String convertToDatabaseColumn(AdapterPhase phase) {
        return phase.label();
    }

    @Override
    public AdapterPhase convertToEntityAttribute(String label) {
        return AdapterPhase.fromLabel(label)
                .orElseThrow(() -> new IllegalStateException("Unknown adapter phase in the database: " + label));
    }
}
