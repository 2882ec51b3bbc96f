package io.aibrix.gateway.openai;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import org.springframework.lang.Nullable;

/**
 * The gateway's one error envelope, {@code {"error":{"message":..,"type":..,"param":..,"code":..}}}, with
 * {@code param} and {@code code} written as JSON null when absent.
 *
 * <p>The {@code type} follows the status as AIBrix sets it (400/404 {@code invalid_request_error}, 401
 * {@code authentication_error}, 429 {@code rate_limit_error}, 503 {@code overloaded_error}, otherwise
 * {@code api_error}), extended with OpenAI's classes for statuses AIBrix never produces: 405/409/413/415/422
 * {@code invalid_request_error}, 403 {@code permission_error}, 504 {@code timeout_error}.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** The error type for an HTTP status, as documented on this class. */
    public static String type(int status) {
        return switch (status) {
            case 400, 404, 405, 409, 413, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            case 503 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> "api_error";
        };
    }

    /** The UTF-8 JSON envelope for an error answered with {@code status}. */
    public static byte[] json(int status, String message, @Nullable String param, @Nullable String code) {
        return json(new OpenAiError(message, type(status), param, code));
    }

    /** The UTF-8 JSON envelope for {@code error}. */
    public static byte[] json(OpenAiError error) {
        return envelope(null, error, null);
    }

    /** {@code prefix + envelope + suffix} in one array (SSE framing needs both). */
    static byte[] envelope(@Nullable byte[] prefix, OpenAiError error, @Nullable byte[] suffix) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        if (prefix != null) {
            out.write(prefix);
        }
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("error");
            g.writeStartObject();
            g.writeStringField("message", error.message());
            g.writeStringField("type", error.type());
            g.writeStringField("param", error.param());
            g.writeStringField("code", error.code());
            g.writeEndObject();
            g.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: writes go to memory
        }
        if (suffix != null) {
            out.write(suffix);
        }
        return out.toByteArray();
    }
}
