package io.aibrix.metadata.users;

import java.time.Clock;
import java.util.List;

import io.aibrix.metadata.errors.ConflictException;
import io.aibrix.metadata.errors.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their quotas. Deleting a user deletes its API keys (the database cascades). */
@Service
@Transactional
public class UserService {

    private static final String KIND = "user";

    private final UserRepository users;

    private final Clock clock;

    UserService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    UserView create(String name, UserLimits limits) {
        if (users.existsById(name)) {
            throw ConflictException.duplicate(KIND, name);
        }
        return users.save(new User(name, limits, clock.instant())).view();
    }

    @Transactional(readOnly = true)
    List<UserView> list() {
        return users.findAllByOrderByNameAsc().stream().map(User::view).toList();
    }

    /** @throws NotFoundException when there is no such user */
    @Transactional(readOnly = true)
    public UserView get(String name) {
        return find(name).view();
    }

    UserView replace(String name, UserLimits limits) {
        User user = find(name);
        user.apply(limits, clock.instant());
        return users.saveAndFlush(user).view();
    }

    void delete(String name) {
        users.delete(find(name));
    }

    private User find(String name) {
        return users.findById(name).orElseThrow(() -> NotFoundException.of(KIND, name));
    }
}
