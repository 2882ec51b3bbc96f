package io.aibrix.metadata.adapters;

import java.util.regex.Pattern;

/**
 * The artifact locations lora-manager knows how to hand to an engine: {@code s3://bucket/key},
 * {@code hf://org/repo} (also {@code huggingface://}, as in AIBrix), and absolute file paths ({@code /path} or
 * {@code file:///path}) on the engine's host.
 */
final class ArtifactUrls {

    static final String MESSAGE = "must be s3://bucket/key, hf://org/repo (or huggingface://org/repo), or an absolute"
            + " file path (/path or file:///path)";

    private static final Pattern S3 = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\\S+");

    private static final Pattern HUGGING_FACE =
            Pattern.compile("(hf|huggingface)://[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

    private static final Pattern FILE = Pattern.compile("(file://)?/\\S*[^/\\s]\\S*");

    private ArtifactUrls() {
    }

    static boolean isValid(String url) {
        if (url.length() > 2048) {
            return false;
        }
        if (url.contains("/../") || url.endsWith("/..")) {
            return false;
        }
        return S3.matcher(url).matches() || HUGGING_FACE.matcher(url).matches() || FILE.matcher(url).matches();
    }
}
