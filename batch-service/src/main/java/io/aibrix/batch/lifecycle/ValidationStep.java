package io.aibrix.batch.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.batches.BatchObject;
import io.aibrix.batch.batches.BatchRow;
import io.aibrix.batch.execution.InputLines;
import io.aibrix.batch.files.FileService;
import io.aibrix.batch.leases.Lease;
import io.aibrix.batch.owner.Owner;
import io.aibrix.batch.validation.BatchInputValidator;
import io.aibrix.batch.validation.LineError;
import io.aibrix.batch.validation.ValidationReport;

import org.springframework.lang.Nullable;

/** validating → in_progress with the request count, or validating → failed with every line error (up to a cap). */
class ValidationStep {

    /** Keeps the Batch object of a file with a bad line on every line readable. */
    static final int MAX_ERRORS = 1000;

    private final BatchInputValidator validator;
    private final FileService files;
    private final Transitions transitions;
    private final ObjectMapper json;
    private final Clock clock;

    ValidationStep(BatchInputValidator validator, FileService files, Transitions transitions, ObjectMapper json,
            Clock clock) {
        this.validator = validator;
        this.files = files;
        this.transitions = transitions;
        this.json = json;
        this.clock = clock;
    }

    void validate(Lease lease, BatchRow batch) throws IOException {
        Owner owner = new Owner(batch.owner());
        ValidationReport report;
        try (InputStream in = files.open(owner, batch.inputFileId())) {
            report = validator.validate(in, batch.endpoint());
        }
        if (report.valid()) {
            transitions.toInProgress(lease, Math.toIntExact(report.requests()), firstModel(owner, batch),
                    clock.instant());
            return;
        }
        List<LineError> errors = report.errors().stream().limit(MAX_ERRORS).toList();
        transitions.toFailed(lease, json.writeValueAsString(BatchObject.Errors.of(errors)), clock.instant());
    }

    private @Nullable String firstModel(Owner owner, BatchRow batch) throws IOException {
        try (InputStream in = files.open(owner, batch.inputFileId())) {
            InputLines.InputLine first = new InputLines(in, validator.maxLineBytes()).next();
            if (first == null || first.body() == null) {
                return null;
            }
            JsonNode model = json.readTree(first.body()).get("model");
            return model == null ? null : model.asText();
        }
    }
}
