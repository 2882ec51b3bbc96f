package io.aibrix.batch.openai;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors raised outside Spring MVC (the servlet container refusing a request, a filter failing) in the OpenAI
 * envelope too; it replaces Spring Boot's whitelabel and JSON error controller.
 */
@RestController
class OpenAiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ErrorEnvelope> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path
                ? path : request.getRequestURI();
        HttpStatus known = HttpStatus.resolve(status);
        String message = status == 404 ? "Invalid URL (" + request.getMethod() + " " + uri + ")"
                : status >= 500 ? "The server had an error while processing your request."
                : known != null ? known.getReasonPhrase() : "Request failed";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(status, message, null, null));
    }
}
