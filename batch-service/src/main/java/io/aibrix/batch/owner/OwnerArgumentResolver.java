package io.aibrix.batch.owner;

import io.aibrix.batch.openai.ApiException;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link Owner} parameters from the owner header, else the configured default owner. */
final class OwnerArgumentResolver implements HandlerMethodArgumentResolver {

    private final String header;
    private final Owner defaultOwner;

    OwnerArgumentResolver(OwnerProperties properties) {
        this.header = properties.header();
        this.defaultOwner = new Owner(properties.defaultOwner());
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Owner.class;
    }

    @Override
    public Owner resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            return defaultOwner;
        }
        String owner = value.strip();
        if (owner.length() > Owner.MAX_LENGTH) {
            throw ApiException.badRequest("The " + header + " header is longer than " + Owner.MAX_LENGTH
                    + " characters.", header, "invalid_value");
        }
        return new Owner(owner);
    }
}
