package io.aibrix.metadata.docs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link CurlExample}. */
class CurlExampleTests {

    @Test
    void readsStatusMethodUrlHeadersBodyAndCaptures() {
        String markdown = """
                text
                ```sh
                # 201 Created
                curl -s -X POST "$METADATA/admin/v1/users" \\
                  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \\
                  -d '{"name":"alice"}'
                ```
                <!-- capture KEY=.key -->

                ```sh
                # 200 OK
                curl -s "$METADATA/x" -d "{\\"key\\":\\"$KEY\\"}"
                ```
                """;

        List<CurlExample> examples = CurlExample.parse(markdown);

        CurlExample first = examples.get(0).expand(Map.of("METADATA", "http://h", "ADMIN_TOKEN", "t"));
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.url()).isEqualTo("http://h/admin/v1/users");
        assertThat(first.headers()).containsEntry("Authorization", "Bearer t")
                .containsEntry("Content-Type", "application/json");
        assertThat(first.body()).isEqualTo("{\"name\":\"alice\"}");
        assertThat(first.captures()).containsExactly(Map.entry("KEY", "key"));

        CurlExample second = examples.get(1).expand(Map.of("METADATA", "http://h", "KEY", "sk-1"));
        assertThat(second.method()).isEqualTo("POST");
        assertThat(second.body()).isEqualTo("{\"key\":\"sk-1\"}");
    }

    @Test
    void refusesABlockWithoutAnExpectedStatus() {
        assertThatIllegalArgumentException().isThrownBy(() -> CurlExample.parse("```sh\ncurl -s x\n```\n"))
                .withMessageContaining("must start with '# <status>");
    }
}
