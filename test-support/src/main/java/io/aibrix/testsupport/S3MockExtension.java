package io.aibrix.testsupport;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible HTTP endpoint: the S3Mock executable jar run as a child JVM, shared by every test class in the
 * JVM. A child process keeps S3Mock's own Spring Boot application off the test classpath, where it would clash with
 * the module under test.
 *
 * <p>Register it with {@code @RegisterExtension static S3MockExtension s3 = S3MockExtension.create("inputs", "outputs");}.
 * The process starts on first use and is stopped by a JVM shutdown hook; each handle's buckets are created on first
 * use, also when another class started the process. The jar is taken from the {@code s3mock.jar} system property,
 * else from the local Maven repository ({@code com.adobe.testing:s3mock:<s3mock.version>:jar:exec}). The child's
 * output goes to {@code target/s3mock/s3mock-<port>.log}.
 *
 * <p>Clients must use path-style access; S3Mock accepts any credentials, {@link #accessKeyId()} and
 * {@link #secretAccessKey()} are provided for clients that insist on some.
 */
public final class S3MockExtension implements BeforeAllCallback {

    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY_ID = "test-access-key";
    private static final String SECRET_ACCESS_KEY = "test-secret-key";

    private static S3MockProcess process;

    private final List<String> buckets;
    private boolean bucketsEnsured;

    private S3MockExtension(List<String> buckets) {
        this.buckets = buckets;
    }

    /** @param buckets buckets that must exist before the first test of the class (valid S3 bucket names) */
    public static S3MockExtension create(String... buckets) {
        return new S3MockExtension(List.of(buckets));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ready();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return ready().endpoint();
    }

    public String region() {
        return REGION;
    }

    public String accessKeyId() {
        return ACCESS_KEY_ID;
    }

    public String secretAccessKey() {
        return SECRET_ACCESS_KEY;
    }

    /** The buckets this handle was created with. */
    public List<String> buckets() {
        ready();
        return buckets;
    }

    private synchronized S3MockProcess ready() {
        S3MockProcess shared = shared(buckets);
        if (!bucketsEnsured) {
            buckets.forEach(shared::ensureBucket);
            bucketsEnsured = true;
        }
        return shared;
    }

    private static synchronized S3MockProcess shared(List<String> initialBuckets) {
        if (process == null) {
            process = S3MockProcess.start(S3MockProcess.locateJar(), initialBuckets);
        }
        return process;
    }
}
