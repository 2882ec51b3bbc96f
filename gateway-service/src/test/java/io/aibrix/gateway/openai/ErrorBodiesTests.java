package io.aibrix.gateway.openai;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ErrorBodies} and {@link OpenAiError}. */
class ErrorBodiesTests {

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesTheEnvelopeWithNullParamAndCodeWhenAbsent() {
        assertThat(string(ErrorBodies.json(503, "no ready pod", null, null))).isEqualTo("""
                {"error":{"message":"no ready pod","type":"overloaded_error","param":null,"code":null}}""");
    }

    @Test
    void writesParamAndCodeAndEscapesTheMessage() {
        assertThat(string(ErrorBodies.json(400, "model \"x\"\nnot found \u00e9", "model", "model_not_found")))
                .isEqualTo("{\"error\":{\"message\":\"model \\\"x\\\"\\nnot found \u00e9\",\"type\":"
                        + "\"invalid_request_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}");
    }

    @Test
    void writesAnErrorRecordTheSameWay() {
        OpenAiError error = OpenAiError.of(429, "slow down", null, "rate_limit_exceeded");

        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(string(error.toJson())).isEqualTo(string(ErrorBodies.json(429, "slow down", null,
                "rate_limit_exceeded")));
    }

    @ParameterizedTest
    @CsvSource({"400, invalid_request_error", "404, invalid_request_error", "405, invalid_request_error",
            "409, invalid_request_error", "413, invalid_request_error", "415, invalid_request_error",
            "422, invalid_request_error", "401, authentication_error", "403, permission_error",
            "429, rate_limit_error", "503, overloaded_error", "504, timeout_error", "500, api_error",
            "501, api_error", "502, api_error", "418, api_error", "200, api_error"})
    void derivesTheTypeFromTheStatus(int status, String type) {
        assertThat(ErrorBodies.type(status)).isEqualTo(type);
    }
}
