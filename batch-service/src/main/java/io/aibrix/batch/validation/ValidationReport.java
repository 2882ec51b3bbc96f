package io.aibrix.batch.validation;

import java.util.List;

/**
 * The outcome of validating a batch input file.
 *
 * @param requests the number of request lines (non-blank lines), counted to the end even past the maximum
 * @param errors   every problem found, in line order, file-level ones last; empty when the file is valid
 */
public record ValidationReport(long requests, List<LineError> errors) {

    public ValidationReport {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
