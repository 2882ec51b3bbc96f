package io.aibrix.metadata.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.lang.Nullable;

/**
 * One curl example of docs/admin-api.md: the status its block documents, the request it makes, and the variables an
 * HTML comment after the block captures from the answer ({@code <!-- capture KEY=.key -->}).
 */
record CurlExample(int line, int status, String method, String url, Map<String, String> headers,
        @Nullable String body, Map<String, String> captures) {

    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```(\\n<!-- capture (.*?) -->)?",
            Pattern.DOTALL);

    private static final Pattern EXPECTED = Pattern.compile("# (\\d{3}) .*");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Z_]+)}?");

    /** Every example, in document order, with variables still unexpanded. */
    static List<CurlExample> parse(String markdown) {
        List<CurlExample> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            int line = (int) markdown.substring(0, block.start()).lines().count() + 1;
            String text = block.group(1);
            String first = text.lines().findFirst().orElse("");
            Matcher expected = EXPECTED.matcher(first);
            if (!expected.matches()) {
                throw new IllegalArgumentException("Line " + line + ": an sh block must start with '# <status> ...'");
            }
            String command = text.substring(first.length()).replace("\\\n", " ").trim();
            examples.add(fromWords(line, Integer.parseInt(expected.group(1)), words(command, line),
                    captures(block.group(3))));
        }
        return examples;
    }

    /** This example with {@code $NAME} and {@code ${NAME}} replaced from {@code variables}. */
    CurlExample expand(Map<String, String> variables) {
        Map<String, String> expandedHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> expandedHeaders.put(name, expand(value, variables)));
        return new CurlExample(line, status, method, expand(url, variables), expandedHeaders,
                body == null ? null : expand(body, variables), captures);
    }

    private static CurlExample fromWords(int line, int status, List<Word> words, Map<String, String> captures) {
        if (words.isEmpty() || !words.get(0).text().equals("curl")) {
            throw new IllegalArgumentException("Line " + line + ": not a curl command");
        }
        String method = null;
        String url = null;
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i).text();
            switch (word) {
                case "-s", "-sS", "-i" -> { }
                case "-X" -> method = words.get(++i).text();
                case "-H" -> {
                    String header = words.get(++i).text();
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                }
                case "-d" -> body = words.get(++i).text();
                default -> {
                    if (word.startsWith("-")) {
                        throw new IllegalArgumentException("Line " + line + ": unsupported curl option " + word);
                    }
                    url = word;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("Line " + line + ": no URL");
        }
        return new CurlExample(line, status, method != null ? method : body != null ? "POST" : "GET", url, headers,
                body, captures);
    }

    private record Word(String text) {
    }

    /** Shell words: single quotes are literal, double quotes allow {@code \"} escapes; variables stay as written. */
    private static List<Word> words(String command, int line) {
        List<Word> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Line " + line + ": unclosed single quote");
                }
                current.append(command, i + 1, end);
                i = end;
                inWord = true;
            }
            else if (c == '"') {
                int j = i + 1;
                while (j < command.length() && command.charAt(j) != '"') {
                    if (command.charAt(j) == '\\' && j + 1 < command.length()) {
                        j++;
                    }
                    current.append(command.charAt(j));
                    j++;
                }
                i = j;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(new Word(current.toString()));
                    current.setLength(0);
                    inWord = false;
                }
            }
            else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(new Word(current.toString()));
        }
        return words;
    }

    private static Map<String, String> captures(@Nullable String spec) {
        Map<String, String> captures = new LinkedHashMap<>();
        if (spec != null) {
            for (String assignment : spec.trim().split("\\s+")) {
                String[] parts = assignment.split("=\\.", 2);
                captures.put(parts[0], parts[1]);
            }
        }
        return captures;
    }

    private static String expand(String text, Map<String, String> variables) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String value = variables.get(variable.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Unknown variable $" + variable.group(1));
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        variable.appendTail(out);
        return out.toString();
    }
}
