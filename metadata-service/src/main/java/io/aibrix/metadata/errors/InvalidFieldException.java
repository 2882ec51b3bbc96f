package io.aibrix.metadata.errors;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/** 400 for a field that is well-formed but refers to something invalid, such as an unknown base model. */
public final class InvalidFieldException extends ApiException {

    private InvalidFieldException(String detail, FieldProblem problem) {
        super(HttpStatus.BAD_REQUEST, detail, Map.of("errors", List.of(problem)));
    }

    public static InvalidFieldException of(String field, @Nullable Object value, String message) {
        FieldProblem problem = new FieldProblem(field, value, message);
        return new InvalidFieldException(problem.describe(), problem);
    }
}
