package io.aibrix.metadata.keys;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.aibrix.metadata.errors.NotFoundException;
import io.aibrix.metadata.users.UserService;
import io.aibrix.metadata.users.UserView;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API keys: created once (the secret is returned once), listed by prefix, revoked, and resolved to a user. */
@Service
@Transactional
class ApiKeyService {

    private final ApiKeyRepository keys;

    private final UserService users;

    private final KeyGenerator generator;

    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, UserService users, KeyGenerator generator, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.generator = generator;
        this.clock = clock;
    }

    CreatedApiKey create(String user, @Nullable String label) {
        users.get(user);
        KeyGenerator.NewKey key = generator.generate();
        ApiKeyView view = keys.save(new ApiKey(UUID.randomUUID(), user, label, key, clock.instant())).view();
        return new CreatedApiKey(view.id(), view.user(), view.name(), view.prefix(), key.secret(), view.createdAt());
    }

    @Transactional(readOnly = true)
    List<ApiKeyView> list(String user) {
        users.get(user);
        return keys.findAllByUserNameOrderByCreatedAtAscIdAsc(user).stream().map(ApiKey::view).toList();
    }

    ApiKeyView revoke(String user, UUID id) {
        users.get(user);
        ApiKey key = keys.findById(id)
                .filter(found -> found.userName().equals(user))
                .orElseThrow(() -> NotFoundException.because("User '" + user + "' has no API key " + id));
        key.revoke(clock.instant());
        return keys.saveAndFlush(key).view();
    }

    /** @throws NotFoundException for a key that is unknown or revoked, without saying which */
    @Transactional(readOnly = true)
    KeyResolution resolve(String secret) {
        ApiKey key = keys.findByKeyHash(KeyGenerator.hash(secret))
                .filter(found -> !found.revoked())
                .orElseThrow(() -> NotFoundException.because("Unknown or revoked API key"));
        UserView user = users.get(key.userName());
        ApiKeyView view = key.view();
        return new KeyResolution(user.name(), user.rpm(), user.tpm(), view.id(), view.prefix());
    }
}
