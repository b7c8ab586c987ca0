package io.dhm.alert;

import io.dhm.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckLinksTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Pattern LINK = Pattern.compile("^http://monitor\\.example\\.com:8080/ack/([^?]+)\\?expires=(\\d+)&sig=([A-Za-z0-9_-]+)$");

    private final ManualClock clock = new ManualClock(NOW);
    private final AckLinks links = new AckLinks(Optional.of("http://monitor.example.com:8080"),
            "a-secret-of-some-length".getBytes(StandardCharsets.UTF_8), Duration.ofHours(24), clock);

    private static Alert alert(String id, Severity severity) {
        return alert(id, severity, "unhealthy");
    }

    private static Alert alert(String id, Severity severity, String to) {
        return new Alert(id, severity, "Production", "shop", "shop-web-1", "0123456789abcdef", "shop/web:1.0",
                "healthy", to, ZonedDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC), "still unhealthy",
                "", "", List.of());
    }

    /** The link's alert id, expiry and signature. */
    private static Matcher parts(String url) {
        Matcher link = LINK.matcher(url);
        assertTrue(link.matches(), url);
        return link;
    }

    /** What a browser reads from an HTML attribute: the template escapes even / and = as character references. */
    private static String unescaped(String attribute) {
        return Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(attribute.replace("&amp;", "&"))
                .replaceAll(ref -> String.valueOf((char) Integer.parseInt(ref.group(2), ref.group(1).isEmpty() ? 10 : 16)));
    }

    @Test
    void aLinkIsValidForItsAlertUntilItExpires() {
        Matcher link = parts(links.url(alert("alert-1", Severity.CRITICAL)));
        assertEquals("alert-1", link.group(1));
        assertEquals(NOW.plus(Duration.ofHours(24)).getEpochSecond(), Long.parseLong(link.group(2)));

        assertEquals(AckLinks.Verdict.VALID, links.check("alert-1", link.group(2), link.group(3)));
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals(AckLinks.Verdict.VALID, links.check("alert-1", link.group(2), link.group(3)));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(AckLinks.Verdict.EXPIRED, links.check("alert-1", link.group(2), link.group(3)));
    }

    @Test
    void aTamperedLinkOrAnotherAlertsIdIsInvalidEvenWhenExpired() {
        Matcher link = parts(links.url(alert("alert-1", Severity.ERROR)));
        String expires = link.group(2);
        String signature = link.group(3);

        assertEquals(AckLinks.Verdict.INVALID, links.check("alert-2", expires, signature), "another alert's id");
        assertEquals(AckLinks.Verdict.INVALID, links.check("alert-1", String.valueOf(Long.parseLong(expires) + 3600), signature),
                "a later expiry");
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        assertEquals(AckLinks.Verdict.INVALID, links.check("alert-1", expires, flipped), "a changed signature");
        assertEquals(AckLinks.Verdict.INVALID, links.check("alert-1", "soon", signature));
        assertEquals(AckLinks.Verdict.INVALID, links.check("alert-1", expires, null));
        AckLinks otherKey = new AckLinks(Optional.of("http://monitor.example.com:8080"),
                "another-secret-entirely".getBytes(StandardCharsets.UTF_8), Duration.ofHours(24), clock);
        assertEquals(AckLinks.Verdict.INVALID, otherKey.check("alert-1", expires, signature), "signed with another key");

        clock.advance(Duration.ofDays(2));
        assertEquals(AckLinks.Verdict.INVALID, links.check("alert-2", expires, signature), "tampered, not merely expired");
    }

    @Test
    void linksOnlyForAlertsOfAContainerInTroubleAndOnlyWithAPublicUrl() {
        assertNull(links.url(alert("alert-1", Severity.INFO)));
        assertTrue(links.url(alert("alert-1", Severity.ERROR, "not_found")).startsWith("http://monitor.example.com:8080/ack/alert-1?"));
        assertTrue(links.url(alert("alert-1", Severity.CRITICAL, "quarantined")).startsWith("http://monitor.example.com:8080/ack/"));
        assertNull(links.url(alert("alert-1", Severity.WARNING, "flapping")), "over by itself: nothing to acknowledge");
        assertNull(links.url(alert("alert-1", Severity.CRITICAL, "cpu_critical")));
        assertNull(AckLinks.none().url(alert("alert-1", Severity.CRITICAL)));
        assertEquals(AckLinks.Verdict.INVALID, AckLinks.none().check("alert-1", "9999999999", "x"));
    }

    @Test
    void theMailCarriesTheLinkNearTheTopOfActionRequired() {
        String body = new AlertText(Path.of("no-overrides"), links).body(alert("alert-1", Severity.CRITICAL));
        Matcher line = Pattern.compile("Acknowledge: (\\S+)").matcher(body);
        assertTrue(line.find(), body);
        assertEquals(AckLinks.Verdict.VALID, links.check("alert-1", parts(line.group(1)).group(2), parts(line.group(1)).group(3)));
        assertTrue(body.indexOf("Action Required:") < line.start() && line.start() < body.indexOf("1. Check container logs"), body);
        URI.create(line.group(1)); // a well-formed URL, nothing to escape

        String html = new AlertText(Path.of("no-overrides"), links).html(List.of(alert("alert-1", Severity.CRITICAL)));
        Matcher href = Pattern.compile("<a href=\"([^\"]+)\">Acknowledge</a>").matcher(html);
        assertTrue(href.find(), html);
        assertEquals(line.group(1), unescaped(href.group(1)), "the HTML part links the same");

        String info = new AlertText(Path.of("no-overrides"), links).body(alert("alert-2", Severity.INFO));
        assertFalse(info.contains("Acknowledge"), info);
        String without = new AlertText(Path.of("no-overrides")).body(alert("alert-1", Severity.CRITICAL));
        assertFalse(without.contains("Acknowledge"), without);
    }

    @Test
    void withoutASecretOneRandomKeyIsKeptOwnerOnlyInTheDataDir(@TempDir Path dataDir) throws Exception {
        byte[] first = AckLinkKey.of(Optional.empty(), dataDir.resolve("data"));
        Path file = dataDir.resolve("data").resolve(AckLinkKey.FILE);
        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, AckLinkKey.of(Optional.empty(), dataDir.resolve("data")), "the same key after a restart");

        assertArrayEquals("a-secret-of-some-length".getBytes(StandardCharsets.UTF_8),
                AckLinkKey.of(Optional.of("a-secret-of-some-length"), dataDir.resolve("other")));
        assertFalse(Files.exists(dataDir.resolve("other")), "no key file when the secret is set");
    }
}
