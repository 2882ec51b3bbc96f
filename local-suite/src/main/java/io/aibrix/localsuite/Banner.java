package io.aibrix.localsuite;

import java.time.Duration;
import java.util.List;

/** The text printed once every service is ready: where things are, a request to try and how to create a key. */
final class Banner {

    private static final String INDENT = "                ";

    private Banner() {
    }

    /** @param temporaryData whether the data directory is deleted on exit */
    static String text(SuiteSettings settings, boolean temporaryData, Duration startedIn) {
        String gateway = "http://localhost:" + settings.port();
        String metadata = "http://localhost:" + settings.metadataPort();
        List<String> engines = Services.engineUrls(settings);
        String engineRange = engines.size() == 1 ? engines.getFirst()
                : engines.getFirst() + " .. " + engines.getLast();
        String models = "model '" + settings.model() + "'"
                + (settings.adapter() == null ? "" : ", adapter '" + settings.adapter() + "'");
        String keys = settings.apiKeys() ? "API keys required, create one below" : "any API key";
        String tryModel = settings.adapter() == null ? settings.model() : settings.adapter();
        String n = System.lineSeparator();
        return n
                + "aibrix local suite ready in " + String.format("%.1f", startedIn.toMillis() / 1000.0) + " s" + n
                + "  OpenAI API    " + gateway + "/v1   (" + models + "; " + keys + ")" + n
                + "  admin API     " + metadata + "/admin/v1   (ADMIN_TOKEN=" + settings.adminToken() + ")" + n
                + "  registry      " + metadata + "/v1/registry/endpoints" + n
                + "  lora-manager  http://localhost:" + settings.loraManagerPort() + "/actuator/health" + n
                + "  engines       " + engineRange + "   (" + engines.size() + " simulated vLLM engine"
                + (engines.size() == 1 ? "" : "s") + ")" + n
                + "  data          " + settings.dataDir() + (temporaryData ? "   (deleted on exit; --data-dir keeps"
                        + " it)" : "") + n
                + "  health        " + gateway + "/actuator/health" + n
                + "  metrics       " + gateway + "/actuator/prometheus" + n
                + "  try           curl -sN " + gateway + "/v1/chat/completions -H 'content-type: application/json' \\"
                + n
                + (settings.apiKeys() ? INDENT + "  -H \"Authorization: Bearer $KEY\" \\" + n : "")
                + INDENT + "  -d '{\"model\":\"" + tryModel + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}],\"max_tokens\":8,\"stream\":true}'" + n
                + "  API key       ADMIN_TOKEN=" + settings.adminToken() + n
                + INDENT + "curl -s -X POST " + metadata + "/admin/v1/users"
                + " -H \"Authorization: Bearer $ADMIN_TOKEN\" \\" + n
                + INDENT + "  -H 'content-type: application/json' -d '{\"name\":\"me\",\"rpm\":60}'" + n
                + INDENT + "curl -s -X POST " + metadata + "/admin/v1/users/me/api-keys"
                + " -H \"Authorization: Bearer $ADMIN_TOKEN\" \\" + n
                + INDENT + "  -H 'content-type: application/json' -d '{\"name\":\"laptop\"}'" + n
                + INDENT + "(its \"key\" is shown only in that answer"
                + (settings.apiKeys() ? "" : "; the gateway checks keys with --api-keys") + ")" + n
                + "Ctrl+C stops every service." + n;
    }
}
