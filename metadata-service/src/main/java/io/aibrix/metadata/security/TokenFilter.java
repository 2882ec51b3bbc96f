package io.aibrix.metadata.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/** Applies {@link TokenCheck} before anything else sees the request; refusals are RFC 9457 problems. */
final class TokenFilter extends OncePerRequestFilter {

    private final TokenCheck check;

    private final ObjectMapper json;

    TokenFilter(TokenCheck check, ObjectMapper json) {
        this.check = check;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The servlet path is decoded and normalised, so "/v1/../admin/v1/users" cannot slip past the prefix test.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        switch (check.check(path, request.getHeader(HttpHeaders.AUTHORIZATION))) {
            case TokenCheck.Open open -> chain.doFilter(request, response);
            case TokenCheck.Granted granted -> chain.doFilter(request, response);
            case TokenCheck.Missing missing -> {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metadata-service\"");
                refuse(request, response, HttpStatus.UNAUTHORIZED, missing.detail());
            }
            case TokenCheck.Refused refused -> refuse(request, response, HttpStatus.FORBIDDEN, refused.detail());
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
