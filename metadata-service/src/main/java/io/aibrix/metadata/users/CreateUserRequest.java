package io.aibrix.metadata.users;

import io.aibrix.metadata.validation.ResourceName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.lang.Nullable;

/** Body of {@code POST /admin/v1/users}: the name plus the {@link UserLimits}. */
record CreateUserRequest(
        @NotNull @ResourceName String name,
        @Nullable @PositiveOrZero Long rpm,
        @Nullable @PositiveOrZero Long tpm) {

    UserLimits limits() {
        return new UserLimits(rpm, tpm);
    }
}
