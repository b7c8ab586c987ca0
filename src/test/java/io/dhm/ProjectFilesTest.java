package io.dhm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scripts download from no host of their own choosing: the machine's settings (apt sources, Maven's
 * settings.xml, npm's config) say where packages come from, so the scripts work behind a company mirror and never
 * reach past it. A script names no URL with a domain (loopback and example hosts aside).
 */
class ProjectFilesTest {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://([a-z0-9.-]+\\.[a-z]{2,})");
    private static final Pattern HARMLESS = Pattern.compile("(?i)(?:^|\\.)(?:example\\.(?:com|org|net)|localhost)$");

    @Test
    void noScriptNamesAHostToDownloadFrom() throws IOException {
        List<String> found;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("scripts")), Files.walk(Path.of(".ci")))) {
            found = files.filter(Files::isRegularFile).flatMap(file -> hosts(file).map(host -> file + ": " + host)).toList();
        }
        assertEquals(List.of(), found);
    }

    private static Stream<String> hosts(Path file) {
        try {
            Matcher urls = URL.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
            return urls.results().map(url -> url.group(1)).filter(host -> !HARMLESS.matcher(host).find());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
