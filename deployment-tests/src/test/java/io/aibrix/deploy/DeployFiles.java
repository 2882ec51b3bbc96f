package io.aibrix.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The deployment artefacts at the repository root, which the build names in the system property deploy.root. */
final class DeployFiles {

    private DeployFiles() {
    }

    static Path root() {
        String root = System.getProperty("deploy.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        if (!Files.isRegularFile(path.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("No docker-compose.yml under " + path.toAbsolutePath()
                    + "; run the tests through Maven, which sets deploy.root");
        }
        return path.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
