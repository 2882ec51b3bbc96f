package io.aibrix.batch.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.batch.BatchApplication;

import org.springframework.context.ConfigurableApplicationContext;

/** A batch-service application started on a free port inside the test JVM with the given properties. */
public final class RunningBatchService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningBatchService(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public static RunningBatchService start(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new RunningBatchService(BatchApplication.application().run(args.toArray(String[]::new)));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
