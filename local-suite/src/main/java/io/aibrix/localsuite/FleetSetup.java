package io.aibrix.localsuite;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the launcher does between starting services: once metadata-service is ready it creates the base model and the
 * adapter through the admin API (an existing one, from a kept data directory, is fine); once the engines are ready it
 * registers them; once the gateway is ready it waits until the gateway routes the adapter, i.e. lora-manager has
 * loaded it and the gateway has seen that in the registry.
 */
final class FleetSetup implements Suite.AfterReady, AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** AIBrix's sample adapter; the simulated engines accept any location that is not a missing local path. */
    static final String ARTIFACT_URL = "hf://yard1/llama-2-7b-sql-lora-test";

    private final SuiteSettings settings;
    private final MetadataAdmin admin;
    private final EngineRegistrations registrations;
    private final PrintStream out;

    FleetSetup(SuiteSettings settings, PrintStream out) {
        this.settings = settings;
        this.admin = new MetadataAdmin(Services.metadataUrl(settings), settings.adminToken());
        this.registrations = new EngineRegistrations(admin, settings.model(), EngineRegistrations.fleet(settings),
                EngineRegistrations.HEARTBEAT_INTERVAL, out);
        this.out = out;
    }

    @Override
    public void ready(Service service) throws SuiteStartupException, InterruptedException {
        try {
            switch (service.name()) {
                case Services.METADATA -> createModels(service);
                case Services.ENGINES -> registrations.start();
                case Services.GATEWAY -> awaitAdapterRouted();
                default -> {
                    // nothing to do after the other services
                }
            }
        }
        catch (IOException ex) {
            throw new SuiteStartupException(service.name(), "setting up after its start failed: " + ex.getMessage(),
                    List.of());
        }
    }

    private void createModels(Service metadata) throws IOException, InterruptedException, SuiteStartupException {
        create(metadata, "/admin/v1/models", "{\"name\":" + MetadataAdmin.quote(settings.model()) + "}");
        if (settings.adapter() != null) {
            create(metadata, "/admin/v1/adapters", "{\"name\":" + MetadataAdmin.quote(settings.adapter())
                    + ",\"baseModel\":" + MetadataAdmin.quote(settings.model()) + ",\"artifactUrl\":"
                    + MetadataAdmin.quote(ARTIFACT_URL) + "}");
        }
    }

    private void create(Service metadata, String path, String json)
            throws IOException, InterruptedException, SuiteStartupException {
        MetadataAdmin.Response response = admin.send("POST", path, json);
        if (response.status() != 201 && response.status() != 409) {
            throw new SuiteStartupException(metadata.name(), "POST " + path + " answered HTTP " + response.status()
                    + ": " + response.body(), List.of());
        }
    }

    private void awaitAdapterRouted() throws InterruptedException, SuiteStartupException {
        if (settings.adapter() == null) {
            return;
        }
        out.println(Suite.LAUNCHER_PREFIX + "waiting for lora-manager to load " + settings.adapter());
        Pattern listed = Pattern.compile("\"id\"\\s*:\\s*" + Pattern.quote(MetadataAdmin.quote(settings.adapter())));
        URI models = Services.gatewayUrl(settings).resolve("/v1/models");
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (true) {
                if (listed(client, models, listed)) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new SuiteStartupException(Services.LORA_MANAGER, "adapter " + settings.adapter()
                            + " not routed by the gateway within " + settings.startupTimeout().toSeconds()
                            + " s (--startup-timeout); see lora-manager's output and GET "
                            + Services.metadataUrl(settings) + "/admin/v1/adapters/" + settings.adapter() + "/status",
                            List.of());
                }
                Thread.sleep(POLL_INTERVAL);
            }
        }
    }

    private static boolean listed(HttpClient client, URI models, Pattern listed) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(models)
                    .timeout(POLL_INTERVAL.multipliedBy(8)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && listed.matcher(response.body()).find();
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        registrations.close();
        admin.close();
    }
}
