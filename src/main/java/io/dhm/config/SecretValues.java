package io.dhm.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The values of the secrets, masked by value wherever text leaves the monitor (the logs, Camel's route dumps, its
 * consoles and the Camel CLI, JMX), as CI systems mask theirs: whichever placeholder, option or message carried a
 * secret, its value reads as {@value LiveSettings#SECRET}. The secrets are the values of every setting whose name says
 * so ({@link SettingSources#isSecret}, the monitor's and the user's) and the secret parts of the targets alerts go
 * to ({@link #TARGET_SETTINGS}, {@link TargetMask#secretParts}), each also as a URI writes it (percent-encoded).
 * <p>
 * One registry for the process, since the logs are the process's: {@link LiveSettings} registers its settings at
 * start and at each change. A value stays registered once it was a secret: an old one may still be in a route or a
 * message. Values shorter than {@value #MINIMUM_LENGTH} characters are not masked by value: "on", "123" or "/v1" would
 * turn up in every other line, and masking them would both garble the logs and tell where the secret is.
 */
public final class SecretValues {

    public static final int MINIMUM_LENGTH = 4;
    /** The settings naming the targets alerts go to, whose URLs' user-info, paths and options are secrets. */
    private static final Set<String> TARGET_SETTINGS = Set.of("webhook.urls", "alert.endpoints",
            "container.alert.routing", "database.url", "outbox.jdbc.url");

    /** The value of a name=value pair in a list separated by commas or semicolons. */
    private static final Pattern ASSIGNED = Pattern.compile("=([^,;]+)");

    /** Every value registered so far. */
    private static final AtomicReference<Masking> REGISTERED = new AtomicReference<>(new Masking(Set.of()));

    private SecretValues() {
    }

    /** Adds the secrets among {@code settings} (every source merged, as {@link SettingSources#load} gives them). */
    public static void register(Properties settings) {
        Set<String> found = settings.stringPropertyNames().stream()
                .flatMap(key -> secretsOf(key, settings.getProperty(key)))
                .map(String::trim)
                .filter(value -> value.length() >= MINIMUM_LENGTH)
                .flatMap(value -> Stream.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")))
                .collect(Collectors.toSet());
        REGISTERED.updateAndGet(current -> current.with(found));
    }

    private static Stream<String> secretsOf(String key, String value) {
        if (!SettingSources.isSetting(key)) {
            return Stream.empty(); // Camel's own options (it masks their secrets) and what the monitor derives
        }
        if (!SettingSources.isSecret(key)) {
            // only the targets alerts go to: other URLs (DOCKER_HOST, API_PUBLIC_URL, a custom check's /health) are
            // no secret, and masking their paths and options in every log line would garble the logs
            return TARGET_SETTINGS.contains(key) ? TargetMask.secretParts(value).stream() : Stream.empty();
        }
        // a secret listing name=value pairs (WEBHOOK_HEADERS: url-part:Header=value,...) has each value masked alone too
        return Stream.concat(Stream.of(value), ASSIGNED.matcher(value).results().map(assigned -> assigned.group(1)));
    }

    /** {@code text} with every registered secret value masked. */
    public static String mask(String text) {
        return REGISTERED.get().mask(text);
    }

    /** The registered values, and a pattern finding any of them, longest first: one holding another is masked whole. */
    private record Masking(Set<String> values, Pattern anyValue) {

        Masking(Set<String> values) {
            this(values, values.isEmpty() ? null : Pattern.compile(values.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                    .map(Pattern::quote).collect(Collectors.joining("|"))));
        }

        Masking with(Set<String> more) {
            if (values.containsAll(more)) {
                return this;
            }
            Set<String> all = new TreeSet<>(values);
            all.addAll(more);
            return new Masking(Set.copyOf(all));
        }

        String mask(String text) {
            if (anyValue == null || text == null || text.length() < MINIMUM_LENGTH) {
                return text;
            }
            return anyValue.matcher(text).replaceAll(Matcher.quoteReplacement(LiveSettings.SECRET));
        }
    }
}
