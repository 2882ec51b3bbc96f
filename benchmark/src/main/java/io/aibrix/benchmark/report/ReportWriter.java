package io.aibrix.benchmark.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.aibrix.benchmark.run.RequestResult;

/** Writes {@code requests.jsonl}, {@code requests.csv}, {@code summary.json} and {@code report.html} into a directory. */
public final class ReportWriter {

    public static final List<String> FILES = List.of("requests.jsonl", "requests.csv", "summary.json", "report.html");

    private final ObjectMapper json;

    public ReportWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(Path directory, Summary summary, List<RequestResult> results) throws IOException {
        Files.createDirectories(directory);
        double warmup = summary.run().warmupSeconds();
        ObjectWriter rows = json.writerFor(RequestRow.class);
        try (Writer out = Files.newBufferedWriter(directory.resolve("requests.jsonl"), StandardCharsets.UTF_8)) {
            for (RequestResult result : results) {
                out.write(rows.writeValueAsString(RequestRow.of(result, warmup)));
                out.write('\n');
            }
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve("requests.csv"), StandardCharsets.UTF_8)) {
            RequestsCsv.write(results, warmup, out);
        }
        writeSummaryAndReport(directory, summary, results);
    }

    /** Only {@code summary.json} and {@code report.html}, for callers that keep many runs and not every row. */
    public void writeSummaryAndReport(Path directory, Summary summary, List<RequestResult> results)
            throws IOException {
        Files.createDirectories(directory);
        json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve("summary.json").toFile(), summary);
        Files.writeString(directory.resolve("report.html"), HtmlReport.render(summary, results),
                StandardCharsets.UTF_8);
    }
}
