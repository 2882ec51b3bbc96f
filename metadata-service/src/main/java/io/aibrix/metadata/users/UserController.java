package io.aibrix.metadata.users;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/v1/users}: callers and their RPM/TPM quotas. */
@RestController
@RequestMapping("/admin/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    ResponseEntity<UserView> create(@Valid @RequestBody CreateUserRequest request) {
        UserView created = users.create(request.name(), request.limits());
        return ResponseEntity.created(URI.create("/admin/v1/users/" + created.name())).body(created);
    }

    @GetMapping
    List<UserView> list() {
        return users.list();
    }

    @GetMapping("/{name}")
    UserView get(@PathVariable String name) {
        return users.get(name);
    }

    @PutMapping("/{name}")
    UserView replace(@PathVariable String name, @Valid @RequestBody UserLimits limits) {
        return users.replace(name, limits);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        users.delete(name);
        return ResponseEntity.noContent().build();
    }
}
