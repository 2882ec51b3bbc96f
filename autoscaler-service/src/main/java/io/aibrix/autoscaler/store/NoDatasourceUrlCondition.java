package io.aibrix.autoscaler.store;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no {@code spring.datasource.url} is configured, i.e. when the embedded database is the default. */
final class NoDatasourceUrlCondition extends SpringBootCondition {

    static final String URL_PROPERTY = "spring.datasource.url";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty(URL_PROPERTY);
        return url == null || url.isBlank()
                ? ConditionOutcome.match(URL_PROPERTY + " is not set")
                : ConditionOutcome.noMatch(URL_PROPERTY + " is set");
    }
}
