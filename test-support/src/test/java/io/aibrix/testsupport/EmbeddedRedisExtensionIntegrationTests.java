package io.aibrix.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedRedisExtensionIntegrationTests {

    @RegisterExtension
    static EmbeddedRedisExtension redis = EmbeddedRedisExtension.create();

    @Test
    void startsRealRedisThatAnswersPingSetAndGet() throws IOException {
        try (RespConnection connection = new RespConnection(redis.host(), redis.port())) {
            assertThat(connection.command("PING")).isEqualTo("+PONG");
            assertThat(connection.command("SET", "test-support:greeting", "hello redis")).isEqualTo("+OK");
            assertThat(connection.command("GET", "test-support:greeting")).isEqualTo("hello redis");
            assertThat(connection.command("INCRBY", "test-support:counter", "5")).isEqualTo(":5");
            assertThat(connection.command("INFO", "server")).contains("redis_version:");
        }
    }

    @Test
    void exposesConnectionDetailsForClientsAndSpring() {
        assertThat(redis.uri()).hasToString("redis://127.0.0.1:" + redis.port());
        assertThat(redis.springProperties())
                .containsEntry("spring.data.redis.host", "127.0.0.1")
                .containsEntry("spring.data.redis.port", Integer.toString(redis.port()))
                .hasSize(2);
    }

    @Test
    void everyHandleSharesTheOneServerOfTheJvm() {
        assertThat(EmbeddedRedisExtension.create().port()).isEqualTo(redis.port());
    }

    /** Just enough RESP2 to send commands and read simple, integer and bulk replies. */
    private static final class RespConnection implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        RespConnection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setSoTimeout(5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        String command(String... parts) throws IOException {
            StringBuilder request = new StringBuilder("*").append(parts.length).append("\r\n");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String header = readLine();
            if (header.charAt(0) != '$') {
                return header;
            }
            int length = Integer.parseInt(header.substring(1));
            if (length < 0) {
                return null;
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            readLine();
            return body;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            for (int current = in.read(); current != -1; current = in.read()) {
                if (previous == '\r' && current == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(current);
                previous = current;
            }
            throw new IOException("Redis closed the connection");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
