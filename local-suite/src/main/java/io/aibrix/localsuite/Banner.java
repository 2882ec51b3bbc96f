package io.aibrix.localsuite;

import java.time.Duration;
import java.util.List;

/** The text printed once every service is ready: where things are and a request to try. */
final class Banner {

    private Banner() {
    }

    static String text(SuiteSettings settings, Duration startedIn) {
        String gateway = "http://localhost:" + settings.port();
        List<String> engines = Services.engineUrls(settings);
        String engineRange = engines.size() == 1 ? engines.getFirst()
                : engines.getFirst() + " .. " + engines.getLast();
        String n = System.lineSeparator();
        return n
                + "aibrix local suite ready in " + String.format("%.1f", startedIn.toMillis() / 1000.0) + " s" + n
                + "  OpenAI API  " + gateway + "/v1   (model '" + settings.model() + "', any API key)" + n
                + "  engines     " + engineRange + "   (" + engines.size() + " simulated vLLM engine"
                + (engines.size() == 1 ? "" : "s") + ")" + n
                + "  health      " + gateway + "/actuator/health" + n
                + "  metrics     " + gateway + "/actuator/prometheus" + n
                + "  try         curl -sN " + gateway + "/v1/chat/completions -H 'content-type: application/json' \\"
                + n
                + "                -d '{\"model\":\"" + settings.model() + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}],\"max_tokens\":8,\"stream\":true}'" + n
                + "Ctrl+C stops every service." + n;
    }
}
