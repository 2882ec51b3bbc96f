package io.aibrix.batch.openai;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one mapping from failures inside Spring MVC to the OpenAI error envelope: {@link ApiException}s as they are,
 * Spring MVC's own exceptions (unknown path, wrong method or media type, bad parameter) as 4xx naming the culprit,
 * anything else as a logged 500.
 *
 * <p>Every answer sets {@code Content-Type: application/json} itself, so the envelope is written even when the client
 * sent {@code Accept: application/binary} (the SDKs do on file downloads) instead of failing content negotiation.
 */
@RestControllerAdvice
class OpenAiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenAiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return json(e.status(), new HttpHeaders(), e.envelope());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return json(HttpStatusCode.valueOf(500), new HttpHeaders(), ErrorEnvelope.of(500,
                "The server had an error while processing your request.", null, null));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("{} failed", request.getDescription(false), e);
        }
        return json(status, headers, envelope(e, status, request));
    }

    private static ErrorEnvelope envelope(Exception e, HttpStatusCode status, WebRequest request) {
        int code = status.value();
        return switch (e) {
            case NoResourceFoundException notFound -> ErrorEnvelope.of(code, invalidUrl(request), null, null);
            case NoHandlerFoundException notFound -> ErrorEnvelope.of(code, invalidUrl(request), null, null);
            case HttpRequestMethodNotSupportedException method -> ErrorEnvelope.of(code, invalidUrl(request)
                    + ": method " + method.getMethod() + " is not allowed here", null, null);
            case HttpMediaTypeNotSupportedException media -> ErrorEnvelope.of(code, "Content-Type '"
                    + media.getContentType() + "' is not supported here; supported: "
                    + MediaType.toString(media.getSupportedMediaTypes()) + ".", null, null);
            case MissingServletRequestParameterException missing -> ApiException.missingParameter(
                    missing.getParameterName()).envelope();
            case TypeMismatchException mismatch -> ErrorEnvelope.of(code, "Invalid value for '"
                    + mismatch.getPropertyName() + "': '" + mismatch.getValue() + "'.", mismatch.getPropertyName(),
                    "invalid_value");
            case MethodArgumentNotValidException invalid when invalid.getFieldError() != null -> ErrorEnvelope.of(code,
                    "Invalid value for '" + invalid.getFieldError().getField() + "': "
                            + invalid.getFieldError().getDefaultMessage() + ".",
                    invalid.getFieldError().getField(), "invalid_value");
            case HttpMessageNotReadableException unreadable -> ErrorEnvelope.of(code,
                    "We could not parse the JSON body of your request.", null, null);
            case MaxUploadSizeExceededException tooLarge -> ErrorEnvelope.of(code,
                    "The request body is too large.", null, "file_too_large");
            default -> ErrorEnvelope.of(code, code >= 500 ? "The server had an error while processing your request."
                    : e.getMessage(), null, null);
        };
    }

    private static String invalidUrl(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            return "Invalid URL (" + servletRequest.getMethod() + " " + servletRequest.getRequestURI() + ")";
        }
        return "Invalid URL";
    }

    private static ResponseEntity<Object> json(HttpStatusCode status, HttpHeaders headers, ErrorEnvelope envelope) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON).body(envelope);
    }
}
