package io.aibrix.benchmark.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import io.aibrix.benchmark.run.RequestResult;

/**
 * {@code requests.csv}: one row per request, times in seconds with microsecond resolution; empty cells are absent
 * values. Inter-token gaps are summarised (count, mean, max); {@code requests.jsonl} has all of them.
 */
final class RequestsCsv {

    static final String HEADER = "id,group,session,turn,warmup,target_pod,http_status,success,error,"
            + "intended_send_s,actual_send_s,dispatch_lag_s,end_s,ttft_s,tpot_s,e2e_s,itl_count,itl_mean_s,itl_max_s,"
            + "prompt_tokens,completion_tokens,cached_tokens";

    private RequestsCsv() {
    }

    static void write(List<RequestResult> results, double warmupSeconds, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (RequestResult r : results) {
            List<Double> gaps = r.interTokenSeconds();
            double itlMean = gaps.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double itlMax = gaps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            out.write(String.join(",",
                    Long.toString(r.id()),
                    cell(r.tags().group()),
                    cell(r.tags().session()),
                    cell(r.tags().turn()),
                    Boolean.toString(SummaryCalculator.isWarmup(r, warmupSeconds)),
                    quote(r.targetPod()),
                    Integer.toString(r.httpStatus()),
                    Boolean.toString(r.succeeded()),
                    quote(r.error()),
                    seconds(r.intendedSendSeconds()),
                    seconds(r.actualSendSeconds()),
                    seconds(r.dispatchLagSeconds()),
                    seconds(r.endSeconds()),
                    seconds(r.ttftSeconds()),
                    seconds(r.tpotSeconds()),
                    seconds(r.e2eSeconds()),
                    Integer.toString(gaps.size()),
                    seconds(itlMean),
                    seconds(itlMax),
                    Integer.toString(r.promptTokens()),
                    Integer.toString(r.completionTokens()),
                    Integer.toString(r.cachedTokens())));
            out.write('\n');
        }
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String cell(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String seconds(Double value) {
        return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
