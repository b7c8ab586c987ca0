package io.dhm.api.guard;

import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Host headers the HTTP server answers, from the settings as the monitor reads them. */
class HostAllowListTest {

    private static HostAllowList hosts(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return HostAllowList.of(Settings.from(properties).api());
    }

    @Test
    void theLoopbackNamesAreAnsweredWithOrWithoutAPort() {
        HostAllowList hosts = hosts();
        for (String header : new String[]{"localhost", "localhost:8080", "LOCALHOST:8080", "localhost.:8080",
                "127.0.0.1:8080", "127.0.0.1", "127.1.2.3:9", "[::1]:8080", "[::1]"}) {
            assertTrue(hosts.allows(header), header);
        }
    }

    @Test
    void anAddressIsAnsweredSinceDnsRebindingNeedsAName() {
        HostAllowList hosts = hosts();
        for (String header : new String[]{"10.0.0.5:8080", "192.168.1.9", "128.0.0.1", "[fd00::7]:8080", "[::2]"}) {
            assertTrue(hosts.allows(header), header);
        }
    }

    @Test
    void anyOtherNameIsRefusedAsIsAMissingOrMalformedHeader() {
        HostAllowList hosts = hosts();
        for (String header : new String[]{"evil.example", "evil.example:8080", "localhost.evil.example",
                "127.0.0.1.evil.example", "127.0.0.256", "10.0.0", "0.0.0.0:8080", "[::]:8080", "",
                "localhost:8080@evil.example", "evil.example/localhost", "local host"}) {
            assertFalse(hosts.allows(header), header);
        }
        assertFalse(hosts.allows(null), "no Host header");
    }

    @Test
    void theBindAddressPublicUrlAndAllowedHostsAreAnswered() {
        HostAllowList hosts = hosts("http.host", "10.0.0.5", "api.public.url", "https://Monitor.Example.com/base",
                "api.allowed.hosts", "ops.internal, 192.168.1.9 ,[fd00::7]");
        for (String header : new String[]{"10.0.0.5:8080", "monitor.example.com", "MONITOR.example.com:443",
                "ops.internal:8080", "192.168.1.9", "[fd00::7]:8080", "localhost:8080"}) {
            assertTrue(hosts.allows(header), header);
        }
        assertFalse(hosts.allows("other.example.com"));
    }

    @Test
    void aWildcardBindAddressAddsNoName() {
        assertFalse(hosts("http.host", "0.0.0.0").allows("0.0.0.0:8080"));
        assertFalse(hosts("http.host", "::").allows("[::]:8080"));
        assertTrue(hosts("http.host", "::1").allows("[::1]:8080"));
    }

    @Test
    void theHostNameIsTheHeaderWithoutItsPortInLowerCase() {
        assertEquals(Optional.of("monitor.example.com"), HostAllowList.hostName("Monitor.Example.COM:8080"));
        assertEquals(Optional.of("[fd00::7]"), HostAllowList.hostName("[FD00::7]:8080"));
        assertEquals(Optional.of("[fd00::7]"), HostAllowList.hostName("[fd00::7]"));
        assertEquals(Optional.empty(), HostAllowList.hostName("fd00::7"));
    }

    @Test
    void anAllowedHostWithASchemePortOrPathIsAnInvalidSetting() {
        for (String wrong : new String[]{"http://monitor.example.com", "monitor.example.com:8080", "monitor.example.com/x"}) {
            Properties properties = new Properties();
            properties.setProperty("api.allowed.hosts", wrong);
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Settings.from(properties));
            assertTrue(e.getMessage().startsWith("API_ALLOWED_HOSTS: "), e.getMessage());
        }
    }
}
