package io.aibrix.gateway.openai;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link UpstreamErrorNormalizer}: AIBrix e3e10f9e semantics, never a double wrap. */
class UpstreamErrorNormalizerTests {

    private final UpstreamErrorNormalizer normalizer = new UpstreamErrorNormalizer();

    private String normalize(int status, String body, String contentType) {
        return new String(normalizer.normalize(status, body.getBytes(StandardCharsets.UTF_8), contentType),
                StandardCharsets.UTF_8);
    }

    @Test
    void passesANestedErrorThroughByteForByte() {
        byte[] body = " {\"error\" : {\"message\":\"bad\",\"type\":\"BadRequestError\",\"code\":400,\"extra\":[1]}}\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(normalizer.normalize(400, body, "application/json")).isSameAs(body);
    }

    @Test
    void wrapsAFlatVllmErrorOnceKeepingTypeParamAndNumericCode() {
        assertThat(normalize(400, """
                {"object":"error","message":"This model's maximum context length is 4096 tokens.",
                 "type":"BadRequestError","param":null,"code":400}""", "application/json")).isEqualTo("""
                {"error":{"message":"This model's maximum context length is 4096 tokens.","type":"BadRequestError",\
                "param":null,"code":400}}""");
    }

    @Test
    void neverWrapsTwice() {
        String once = normalize(404, "{\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\","
                + "\"param\":\"model\",\"code\":\"model_not_found\"}", "application/json");

        assertThat(normalize(404, once, "application/json")).isEqualTo(once);
        assertThat(once).isEqualTo("{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":"
                + "\"NotFoundError\",\"param\":\"model\",\"code\":\"model_not_found\"}}");
    }

    @Test
    void derivesTheTypeWhenAFlatErrorHasNoneAndDropsOtherFields() {
        assertThat(normalize(429, "{\"message\":\"too many\",\"retry_after\":3,\"type\":null}", null)).isEqualTo(
                "{\"error\":{\"message\":\"too many\",\"type\":\"rate_limit_error\",\"param\":null,\"code\":null}}");
    }

    @Test
    void usesAStringErrorFieldAsTheMessage() {
        assertThat(normalize(500, "{\"error\":\"CUDA out of memory\"}", "application/json")).isEqualTo(
                "{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"api_error\",\"param\":null,\"code\":null}}");
    }

    @Test
    void turnsHtmlPlainTextArraysAndOtherObjectsIntoTheMessage() {
        assertThat(normalize(502, "<html><body>Bad Gateway</body></html>", "text/html")).isEqualTo(
                "{\"error\":{\"message\":\"<html><body>Bad Gateway</body></html>\",\"type\":\"api_error\","
                        + "\"param\":null,\"code\":null}}");
        assertThat(normalize(503, "  upstream connect error\n", "text/plain")).isEqualTo(
                "{\"error\":{\"message\":\"upstream connect error\",\"type\":\"overloaded_error\",\"param\":null,"
                        + "\"code\":null}}");
        assertThat(normalize(400, "[{\"message\":\"in an array\"}]", "application/json")).isEqualTo(
                "{\"error\":{\"message\":\"[{\\\"message\\\":\\\"in an array\\\"}]\",\"type\":"
                        + "\"invalid_request_error\",\"param\":null,\"code\":null}}");
        assertThat(normalize(404, "{\"detail\":\"Not Found\"}", "application/json")).isEqualTo(
                "{\"error\":{\"message\":\"{\\\"detail\\\":\\\"Not Found\\\"}\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":null}}");
        assertThat(normalize(400, "{\"message\":42}", "application/json"))
                .contains("\"message\":\"{\\\"message\\\":42}\"");
    }

    @Test
    void turnsInvalidJsonAndTrailingGarbageIntoTheMessage() {
        assertThat(normalize(500, "{\"error\":{\"message\":\"cut", "application/json")).isEqualTo(
                "{\"error\":{\"message\":\"{\\\"error\\\":{\\\"message\\\":\\\"cut\",\"type\":\"api_error\","
                        + "\"param\":null,\"code\":null}}");
        assertThat(normalize(500, "{\"error\":{}} trailing", null))
                .contains("\"message\":\"{\\\"error\\\":{}} trailing\"");
    }

    @Test
    void explainsAnEmptyBody() {
        assertThat(normalize(504, "", null)).isEqualTo("{\"error\":{\"message\":\"upstream returned HTTP 504 with an "
                + "empty body\",\"type\":\"timeout_error\",\"param\":null,\"code\":null}}");
        assertThat(normalize(502, " \r\n", "text/plain")).contains("upstream returned HTTP 502 with an empty body");
    }

    @Test
    void cutsALongTextBodyToAboutOneKibibyte() {
        String page = "<html>" + "x".repeat(1_000_000) + "</html>";

        String envelope = normalize(502, page, "text/html");

        assertThat(envelope).hasSizeLessThan(1200).contains("<html>xxx").contains("xxx... (truncated)\"");
    }

    @Test
    void decodesTextInTheCharsetTheUpstreamNamed() {
        byte[] latin1 = "caf\u00e9 ferm\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(new String(normalizer.normalize(500, latin1, "text/plain; charset=ISO-8859-1"),
                StandardCharsets.UTF_8)).contains("\"message\":\"caf\u00e9 ferm\u00e9\"");
        assertThat(new String(normalizer.normalize(500, latin1, "text/plain; charset=no-such-charset"),
                StandardCharsets.UTF_8)).contains("\"message\":\"caf\ufffd ferm\ufffd\"");
        assertThat(new String(normalizer.normalize(500, latin1, "not a media type"), StandardCharsets.UTF_8))
                .contains("\"message\":\"caf\ufffd ferm\ufffd\"");
    }
}
