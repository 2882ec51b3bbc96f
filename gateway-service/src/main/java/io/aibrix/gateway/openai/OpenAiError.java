package io.aibrix.gateway.openai;

import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * The body of OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}.
 *
 * @param message human-readable description
 * @param type    error class, see {@link ErrorBodies#type(int)}
 * @param param   the offending request field, or null
 * @param code    a machine-readable code such as {@code model_not_found}, or null
 */
public record OpenAiError(String message, String type, @Nullable String param, @Nullable String code) {

    public OpenAiError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
    }

    /** An error whose type follows from the HTTP status it is answered with. */
    public static OpenAiError of(int status, String message, @Nullable String param, @Nullable String code) {
        return new OpenAiError(message, ErrorBodies.type(status), param, code);
    }

    /** This error as a complete JSON envelope in UTF-8. */
    public byte[] toJson() {
        return ErrorBodies.json(this);
    }
}
