package io.dhm.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a .env file the way the classic multi-project monitor's users write them (python-decouple / python-dotenv style): {@code KEY=value},
 * optional {@code export}, single or double quotes, whole-line comments, and a trailing {@code # comment} only after
 * whitespace, so that a password such as {@code abc#123} stays whole. dotenv-java cuts such a value at the {@code #}
 * and keeps single quotes, which is why this small reader exists.
 */
final class DotEnvFile {

    private static final Pattern ENTRY = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");

    private DotEnvFile() {
    }

    static Map<String, String> read(Path file) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return entries; // no .env: the environment and application.properties say it all
        }
        // one that is there but cannot be read as a file would silently drop every setting it holds
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw new InvalidSettingException(".env", file.toAbsolutePath() + " is a link to nothing (it points at "
                    + target(file) + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException(".env", file.toAbsolutePath() + " is not a file (a folder?): the settings"
                    + " go in a file of KEY=value lines");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSettingException(".env", "cannot be read: " + e.getMessage());
        }
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                throw new InvalidSettingException(".env", "line " + number + " is not KEY=value: " + line);
            }
            entries.put(entry.group(1), value(entry.group(2), number, entry.group(1)));
        }
        return entries;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String value(String raw, int number, String key) {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            char quote = raw.charAt(0);
            int end = raw.indexOf(quote, 1);
            if (end < 0) {
                throw new InvalidSettingException(".env", "line " + number + " (" + key + ") has no closing " + quote);
            }
            String rest = raw.substring(end + 1).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw new InvalidSettingException(".env", "line " + number + " (" + key + ") has text after the closing " + quote);
            }
            return raw.substring(1, end);
        }
        Matcher comment = Pattern.compile("\\s#").matcher(raw);
        return (comment.find() ? raw.substring(0, comment.start()) : raw).strip();
    }
}
