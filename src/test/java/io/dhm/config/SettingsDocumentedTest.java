package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps docs/configuration.md true to application.properties: one row per setting (every key not starting with
 * {@code camel.}) in the tables headed {@code | Variable | Property | Default | Meaning |}, with the right variable
 * name and the file's default; and every {@code {{placeholder}}} of the YAML routes is a key of the file.
 * Runs with the working directory at the project root, as Maven's surefire does.
 */
class SettingsDocumentedTest {

    private static final Path PROPERTIES = Path.of("application.properties");
    private static final Path CONFIGURATION_DOC = Path.of("docs", "configuration.md");
    private static final Path ROUTES = Path.of("routes");
    private static final String HEADER = "| Variable | Property | Default | Meaning |";
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(:[^}]*)?\\}\\}");

    /** One row of a settings table, with the line it is on for the messages. */
    record Row(int line, String variable, String property, String defaultValue) {
    }

    private static Properties properties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The keys the reference must document: the settings (not Camel's own keys, not the derived route values). */
    private static Map<String, String> documentedKeys() throws IOException {
        Properties properties = properties();
        Map<String, String> keys = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (SettingSources.isSetting(key)) {
                keys.put(key, properties.getProperty(key));
            }
        }
        return keys;
    }

    /** The rows of every table in docs/configuration.md whose header is exactly {@link #HEADER}. */
    static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals(HEADER)) {
                continue;
            }
            int j = i + 1;
            if (j < lines.size() && lines.get(j).trim().matches("\\|(\\s*:?-+:?\\s*\\|)+")) {
                j++;
            }
            for (; j < lines.size() && lines.get(j).trim().startsWith("|"); j++) {
                List<String> cells = cells(lines.get(j).trim());
                String variable = cells.size() > 0 ? code(cells.get(0)) : null;
                String property = cells.size() > 1 ? code(cells.get(1)) : null;
                String defaultValue = cells.size() > 2 ? defaultValue(cells.get(2)) : null;
                rows.add(new Row(j + 1, variable == null ? cells.toString() : variable,
                        property == null ? "(no `property` in " + cells + ")" : property, defaultValue));
            }
            i = j - 1;
        }
        return rows;
    }

    /** The cells of a table row, split on {@code |} that is neither escaped ({@code \|}) nor inside backticks. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inCode = false;
        String body = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                inCode = !inCode;
                cell.append(c);
            } else if (c == '|' && !inCode) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    /** The text of a cell that is exactly one code span, else null. */
    private static String code(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.matches() ? m.group(1) : null;
    }

    /** An empty cell is an empty default; otherwise the cell must be one code span ("<not in backticks>" if not). */
    private static String defaultValue(String cell) {
        if (cell.isEmpty()) {
            return "";
        }
        String value = code(cell);
        return value != null ? value : "<not one `code` span: " + cell + ">";
    }

    private static List<Row> documentedRows() throws IOException {
        List<Row> rows = rows(Files.readAllLines(CONFIGURATION_DOC, StandardCharsets.UTF_8));
        assertFalse(rows.isEmpty(), CONFIGURATION_DOC + " has no table headed " + HEADER);
        return rows;
    }

    private static String variableName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static void failIfAny(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " " + what + ":\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void everySettingHasARow() throws IOException {
        Map<String, String> keys = documentedKeys();
        TreeSet<String> documented = new TreeSet<>();
        documentedRows().forEach(row -> documented.add(row.property()));
        List<String> missing = new ArrayList<>();
        for (String key : keys.keySet()) {
            if (!documented.contains(key)) {
                missing.add("`" + variableName(key) + "` | `" + key + "` | `" + keys.get(key) + "`");
            }
        }
        failIfAny("key(s) of " + PROPERTIES + " without a row in " + CONFIGURATION_DOC
                + " (add a row: Variable | Property | Default | Meaning)", missing);
    }

    @Test
    void everyRowNamesASettingOnce() throws IOException {
        Map<String, String> keys = documentedKeys();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Row row : documentedRows()) {
            if (!keys.containsKey(row.property())) {
                problems.add("line " + row.line() + ": " + row.property() + " is not a key of " + PROPERTIES
                        + (row.property().startsWith("camel.") ? " that needs a row (camel.* keys go in prose)" : ""));
            }
            Integer earlier = seen.putIfAbsent(row.property(), row.line());
            if (earlier != null) {
                problems.add("line " + row.line() + ": " + row.property() + " already has a row on line " + earlier);
            }
        }
        failIfAny("row(s) of " + CONFIGURATION_DOC + " naming no setting of " + PROPERTIES + ", or one twice", problems);
    }

    @Test
    void everyRowsVariableIsItsKeysVariable() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Row row : documentedRows()) {
            String expected = variableName(row.property());
            if (!expected.equals(row.variable())) {
                problems.add("line " + row.line() + ": " + row.property() + " has Variable " + row.variable()
                        + ", expected `" + expected + "`");
            }
        }
        failIfAny("row(s) of " + CONFIGURATION_DOC + " with the wrong Variable", problems);
    }

    @Test
    void everyRowsDefaultIsTheFilesValue() throws IOException {
        Map<String, String> keys = documentedKeys();
        List<String> problems = new ArrayList<>();
        for (Row row : documentedRows()) {
            String value = keys.get(row.property());
            if (value != null && !value.equals(row.defaultValue())) {
                problems.add("line " + row.line() + ": " + row.property() + " has Default '" + row.defaultValue()
                        + "' but " + PROPERTIES + " says '" + value + "'"
                        + (value.isEmpty() ? " (leave the cell empty)" : " (write `" + value + "`)"));
            }
        }
        failIfAny("row(s) of " + CONFIGURATION_DOC + " whose Default differs from " + PROPERTIES, problems);
    }

    private static final Pattern TEMPLATE_PARAMETERS =
            Pattern.compile("- routeTemplate:\\n(?:\\s+\\w+: .*\\n)*?\\s+parameters:\\n((?:\\s+- name: .*\\n)+)");
    private static final Pattern PARAMETER_NAME = Pattern.compile("- name: ([\\w.-]+)");

    @Test
    void everyRoutePlaceholderIsInApplicationProperties() throws IOException {
        Properties properties = properties();
        assertTrue(Files.isDirectory(ROUTES), ROUTES.toAbsolutePath() + " is not a directory");
        Map<String, TreeSet<String>> missing = new TreeMap<>();
        List<Path> routes;
        try (Stream<Path> files = Files.list(ROUTES)) {
            routes = files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertFalse(routes.isEmpty(), "no *.camel.yaml in " + ROUTES.toAbsolutePath());
        for (Path route : routes) {
            String yaml = Files.readString(route, StandardCharsets.UTF_8);
            Set<String> templateParameters = templateParameters(yaml);
            Matcher m = PLACEHOLDER.matcher(yaml);
            while (m.find()) {
                String key = m.group(1).trim();
                if (!properties.containsKey(key) && !templateParameters.contains(key)) {
                    missing.computeIfAbsent(key, k -> new TreeSet<>()).add(route.getFileName().toString());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        missing.forEach((key, files) -> problems.add("{{" + key + "}} in " + String.join(", ", files)));
        failIfAny("placeholder(s) of " + ROUTES + "/*.camel.yaml that are not keys of " + PROPERTIES, problems);
    }

    /** The parameters a file's route templates declare ({{name}} in a template is one of them, not a property). */
    private static Set<String> templateParameters(String yaml) {
        Set<String> names = new TreeSet<>();
        Matcher block = TEMPLATE_PARAMETERS.matcher(yaml);
        while (block.find()) {
            Matcher name = PARAMETER_NAME.matcher(block.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }
}
