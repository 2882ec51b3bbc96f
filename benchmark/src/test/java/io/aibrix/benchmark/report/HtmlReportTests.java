package io.aibrix.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.run.RunResult;

/** Tests for {@link HtmlReport}, {@link ReportWriter}, {@link RequestsCsv} and {@link SummaryTable}. */
class HtmlReportTests {

    private final List<RequestResult> rows = rows();
    private final Summary summary = SummaryCalculator.summarize(Rows.run(1.0), new RunResult(rows, 12), new Slo(
            0.5, null, null), null, null);

    @Test
    void htmlHoldsEveryChartAsInlineSvg() {
        String html = HtmlReport.render(summary, rows);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(5);
        assertThat(html).contains("TTFT CDF", "E2E latency CDF", "TPOT CDF", "TTFT over time", "Requests per pod")
                .contains("<polyline", "<circle class=\"measured\"", "<circle class=\"failed\"", "<rect class=\"bar\"")
                .contains("127.0.0.1:8000");
    }

    @Test
    void htmlIsSelfContained() {
        String html = HtmlReport.render(summary, rows);
        assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "@import", "url(", "xmlns");
        assertThat(html).doesNotContainPattern("(src|href)\\s*=");
        // the only URLs are the targets shown as text
        assertThat(html.replace("http://127.0.0.1:8000", "").replace("http://127.0.0.1:8001", ""))
                .doesNotContain("http");
    }

    @Test
    void htmlEscapesUntrustedText() {
        Summary hostile = SummaryCalculator.summarize(Rows.run(0), new RunResult(List.of(
                Rows.ok(0, 0, 0.1, 1, 2, "<script>alert(1)</script>", 1, 0)), 2), Slo.NONE, null, null);
        assertThat(HtmlReport.render(hostile, List.of())).doesNotContain("<script").contains("&lt;script&gt;");
    }

    @Test
    void writerProducesAllFilesWithOneRowPerRequest(@TempDir Path dir) throws IOException {
        new ReportWriter(new ObjectMapper()).write(dir, summary, rows);

        assertThat(ReportWriter.FILES).allSatisfy(name -> assertThat(dir.resolve(name)).isNotEmptyFile());
        List<String> jsonl = Files.readAllLines(dir.resolve("requests.jsonl"));
        List<String> csv = Files.readAllLines(dir.resolve("requests.csv"));
        assertThat(jsonl).hasSize(rows.size());
        assertThat(csv).hasSize(rows.size() + 1).first().isEqualTo(RequestsCsv.HEADER);
        JsonNode first = new ObjectMapper().readTree(jsonl.getFirst());
        assertThat(first.path("warmup").asBoolean()).isTrue();
        assertThat(first.path("interTokenSeconds")).hasSize(2);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(json.path("counts").path("measured").asLong()).isEqualTo(summary.counts().measured());
        assertThat(json.path("latencies").path("ttft").path("p99").isNumber()).isTrue();
        assertThat(json.path("throughput").path("goodRequests").asLong()).isPositive();
    }

    @Test
    void csvQuotesCellsWithCommasQuotesAndNewlines() {
        assertThat(RequestsCsv.quote("HTTP 400: bad \"model\", try again\n")).isEqualTo(
                "\"HTTP 400: bad \"\"model\"\", try again\n\"");
        assertThat(RequestsCsv.quote("plain")).isEqualTo("plain");
        assertThat(RequestsCsv.quote(null)).isEmpty();
    }

    @Test
    void summaryTableShowsLatenciesInMillisecondsPodsGoodputAndErrors() {
        String table = SummaryTable.render(summary);
        assertThat(table).contains("TTFT", "TPOT", "ITL", "E2E", "Goodput", "TTFT <= 0.5 s", "127.0.0.1:8001",
                "HTTP 503: busy", "Cached prompt tokens");
        assertThat(table.lines().filter(l -> l.startsWith("TTFT")).findFirst().orElseThrow()).contains("100.00");
    }

    private static List<RequestResult> rows() {
        List<RequestResult> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(Rows.ok(i, i * 0.25, 0.1, 1.0 + i * 0.01, 20, i % 2 == 0 ? "127.0.0.1:8000" : "127.0.0.1:8001",
                    300, i > 10 ? 256 : 0));
        }
        rows.add(Rows.failed(40, 10.5, "127.0.0.1:8001", "HTTP 503: busy"));
        return rows;
    }
}
