package io.dhm.check;

import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import io.dhm.config.WatchSettings;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which check a container declares, by its labels or a CUSTOM_CHECKS rule, and the accepted HTTP codes. */
class CheckSpecTest {

    private static WatchSettings watch(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(p).watch();
    }

    private static ContainerView container(String name, String... labelsAndValues) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            labels.put(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return new ContainerView("id-" + name, name, "img:1", null, null, null, true, Health.NONE, "", labels);
    }

    private static CheckSpec spec(ContainerView container, WatchSettings settings) {
        Optional<CheckSpec> spec = CheckSpec.of(container, settings);
        assertTrue(spec.isPresent(), () -> container.name() + " should declare a check");
        return spec.get();
    }

    private static IllegalArgumentException unusable(ContainerView container, WatchSettings settings) {
        return assertThrows(IllegalArgumentException.class, () -> CheckSpec.of(container, settings));
    }

    // --- labels -------------------------------------------------------------------------------------------------

    @Test
    void httpLabelWithDefaultsFromTheSettings() {
        CheckSpec spec = spec(container("api", "healthmonitor.check.http", " http://127.0.0.1:8080/health "), watch());
        assertEquals(CheckSpec.Type.HTTP, spec.type());
        assertEquals("http://127.0.0.1:8080/health", spec.target());
        assertEquals("2xx", spec.status());
        assertNull(spec.body());
        assertEquals(Duration.ofSeconds(5), spec.timeout());
        assertEquals(Duration.ofSeconds(10), spec.interval());
        assertEquals(3, spec.failures());
        assertEquals("http http://127.0.0.1:8080/health", spec.describe());
    }

    @Test
    void defaultsFollowTheWatchSettings() {
        WatchSettings settings = watch("check.interval.sec", "30", "check.timeout.sec", "2.5", "check.failures", "7");
        CheckSpec spec = spec(container("db", "healthmonitor.check.tcp", "db:5432"), settings);
        assertEquals(Duration.ofSeconds(30), spec.interval());
        assertEquals(Duration.ofMillis(2500), spec.timeout());
        assertEquals(7, spec.failures());
    }

    @Test
    void httpOptionsFromLabels() {
        CheckSpec spec = spec(container("api",
                "healthmonitor.check.http", "https://api.example.com/ready",
                "healthmonitor.check.status", " 200,204 ",
                "healthmonitor.check.body", "\"status\":\\s*\"ok\"",
                "healthmonitor.check.timeout", "1.5",
                "healthmonitor.check.interval", "20",
                "healthmonitor.check.failures", "2"), watch());
        assertEquals(CheckSpec.Type.HTTP, spec.type());
        assertEquals("200,204", spec.status());
        assertTrue(spec.body().matcher("{\"status\": \"ok\"}").find());
        assertFalse(spec.body().matcher("{\"status\": \"down\"}").find());
        assertEquals(Duration.ofMillis(1500), spec.timeout());
        assertEquals(Duration.ofSeconds(20), spec.interval());
        assertEquals(2, spec.failures());
    }

    @Test
    void tcpLabel() {
        CheckSpec spec = spec(container("db", "healthmonitor.check.tcp", "db.internal:5432"), watch());
        assertEquals(CheckSpec.Type.TCP, spec.type());
        assertEquals("db.internal:5432", spec.target());
        assertEquals("tcp db.internal:5432", spec.describe());
    }

    @Test
    void execLabel() {
        CheckSpec spec = spec(container("worker", "healthmonitor.check.exec", "pgrep -f worker.py"), watch());
        assertEquals(CheckSpec.Type.EXEC, spec.type());
        assertEquals("pgrep -f worker.py", spec.target());
        assertEquals("exec pgrep -f worker.py", spec.describe());
    }

    @Test
    void failuresLabelIsAtLeastOne() {
        assertEquals(1, spec(container("db", "healthmonitor.check.tcp", "db:5432", "healthmonitor.check.failures", "0"),
                watch()).failures());
    }

    @Test
    void noDeclarationIsNoCheck() {
        assertTrue(CheckSpec.of(container("plain"), watch()).isEmpty());
        assertTrue(CheckSpec.of(container("blank", "healthmonitor.check.http", "  "), watch()).isEmpty());
        assertTrue(CheckSpec.of(container("other", "healthmonitor.check.status", "200"), watch()).isEmpty(),
                "options alone declare no check");
    }

    // --- CUSTOM_CHECKS rules ------------------------------------------------------------------------------------

    @Test
    void rulesDeclareChecksByNameGlob() {
        WatchSettings settings = watch("custom.checks",
                "legacy-*=http://127.0.0.1:9000/ping; cache?=tcp://127.0.0.1:6379; worker=exec: test -f /tmp/alive");

        CheckSpec http = spec(container("legacy-web"), settings);
        assertEquals(CheckSpec.Type.HTTP, http.type());
        assertEquals("http://127.0.0.1:9000/ping", http.target());

        CheckSpec tcp = spec(container("cache1"), settings);
        assertEquals(CheckSpec.Type.TCP, tcp.type());
        assertEquals("127.0.0.1:6379", tcp.target());

        CheckSpec exec = spec(container("worker"), settings);
        assertEquals(CheckSpec.Type.EXEC, exec.type());
        assertEquals("test -f /tmp/alive", exec.target());

        assertTrue(CheckSpec.of(container("cache12"), settings).isEmpty(), "? is one character");
        assertTrue(CheckSpec.of(container("my-legacy-web"), settings).isEmpty(), "the glob matches the whole name");
        assertTrue(CheckSpec.of(container("workers"), settings).isEmpty());
    }

    @Test
    void httpsRule() {
        CheckSpec spec = spec(container("shop"), watch("custom.checks", "shop=https://shop.example.com/health"));
        assertEquals(CheckSpec.Type.HTTP, spec.type());
        assertEquals("https://shop.example.com/health", spec.target());
    }

    @Test
    void firstMatchingRuleWins() {
        WatchSettings settings = watch("custom.checks", "api-*=tcp://127.0.0.1:81;*=tcp://127.0.0.1:82");
        assertEquals("127.0.0.1:81", spec(container("api-1"), settings).target());
        assertEquals("127.0.0.1:82", spec(container("other"), settings).target());
    }

    @Test
    void labelWinsOverARule() {
        WatchSettings settings = watch("custom.checks", "api=tcp://127.0.0.1:81");
        CheckSpec spec = spec(container("api", "healthmonitor.check.http", "http://127.0.0.1:8080/health"), settings);
        assertEquals(CheckSpec.Type.HTTP, spec.type());
        assertEquals("http://127.0.0.1:8080/health", spec.target());
    }

    @Test
    void ruleTakesOptionLabels() {
        WatchSettings settings = watch("custom.checks", "api=http://127.0.0.1:8080/", "check.failures", "5");
        CheckSpec spec = spec(container("api", "healthmonitor.check.status", "200-399", "healthmonitor.check.failures", "2"),
                settings);
        assertEquals("200-399", spec.status());
        assertEquals(2, spec.failures());
    }

    @Test
    void ruleOfUnknownKindStopsStartUp() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> watch("custom.checks", "api=ftp://127.0.0.1/x"));
        assertTrue(e.getMessage().startsWith("CUSTOM_CHECKS:"), e.getMessage());
    }

    // --- unusable declarations ----------------------------------------------------------------------------------

    @Test
    void badUrlsAreUnusable() {
        unusable(container("a", "healthmonitor.check.http", "not a url"), watch());
        unusable(container("b", "healthmonitor.check.http", "ftp://127.0.0.1/health"), watch());
        unusable(container("c", "healthmonitor.check.http", "/health"), watch());
        unusable(container("d", "healthmonitor.check.http", "http:///health"), watch());
    }

    @Test
    void schemeRelativeUrlIsUnusable() {
        unusable(container("a", "healthmonitor.check.http", "//127.0.0.1:8080/health"), watch());
    }

    @Test
    void tcpNeedsHostAndPort() {
        unusable(container("a", "healthmonitor.check.tcp", "db"), watch());
        unusable(container("b", "healthmonitor.check.tcp", ":5432"), watch());
        unusable(container("c", "healthmonitor.check.tcp", "db:0"), watch());
        unusable(container("d", "healthmonitor.check.tcp", "db:65536"), watch());
        unusable(container("e", "healthmonitor.check.tcp", "db:pg"), watch());
        unusable(container("f"), watch("custom.checks", "f=tcp://db"));
    }

    @Test
    void badOptionsAreUnusable() {
        String http = "http://127.0.0.1:8080/";
        unusable(container("a", "healthmonitor.check.http", http, "healthmonitor.check.status", "abc"), watch());
        unusable(container("b", "healthmonitor.check.http", http, "healthmonitor.check.body", "(["), watch());
        unusable(container("c", "healthmonitor.check.http", http, "healthmonitor.check.timeout", "0"), watch());
        unusable(container("d", "healthmonitor.check.http", http, "healthmonitor.check.timeout", "-1"), watch());
        unusable(container("e", "healthmonitor.check.http", http, "healthmonitor.check.interval", "soon"), watch());
        unusable(container("f", "healthmonitor.check.http", http, "healthmonitor.check.failures", "three"), watch());
    }

    // --- StatusCodes --------------------------------------------------------------------------------------------

    private static void accepts(String spec, int... codes) {
        IntPredicate accepted = StatusCodes.parse(spec);
        for (int code : codes) {
            assertTrue(accepted.test(code), () -> spec + " should accept " + code);
        }
    }

    private static void rejects(String spec, int... codes) {
        IntPredicate accepted = StatusCodes.parse(spec);
        for (int code : codes) {
            assertFalse(accepted.test(code), () -> spec + " should reject " + code);
        }
    }

    @Test
    void exactStatus() {
        accepts("200", 200);
        rejects("200", 201, 204, 299, 500);
    }

    @Test
    void listOfStatuses() {
        accepts("200,204", 200, 204);
        accepts(" 200 , 204 ", 200, 204);
        rejects("200,204", 201, 203, 404);
    }

    @Test
    void statusClass() {
        accepts("2xx", 200, 201, 250, 299);
        rejects("2xx", 199, 300, 404, 500);
        accepts("2XX", 204);
        accepts("2xx,304", 204, 304);
        rejects("2xx,304", 301);
    }

    @Test
    void statusRange() {
        accepts("200-299", 200, 250, 299);
        rejects("200-299", 199, 300);
        accepts("200 - 204", 200, 204);
    }

    @Test
    void unparseableStatuses() {
        for (String bad : new String[] {"abc", "", "2x", "6xx", "200-", "ok,200"}) {
            assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse(bad), bad);
        }
    }
}
