package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckLinkSettingsTest {

    private static AckLinkSettings read(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(properties).api().ackLinks();
    }

    private static void invalid(String variable, String... keysAndValues) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(keysAndValues));
        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
    }

    @Test
    void offByDefaultWithADayLongLink() {
        AckLinkSettings defaults = read();
        assertEquals(Optional.empty(), defaults.publicUrl());
        assertEquals(Duration.ofHours(24), defaults.ttl());
        assertEquals(Optional.empty(), defaults.secret());
    }

    @Test
    void aPublicUrlLosesItsTrailingSlash() {
        AckLinkSettings links = read("api.public.url", "https://monitor.example.com/dhm/", "ack.link.ttl.hours", "0.5");
        assertEquals(Optional.of("https://monitor.example.com/dhm"), links.publicUrl());
        assertEquals(Duration.ofMinutes(30), links.ttl());
    }

    @Test
    void badValuesNameTheirVariable() {
        invalid("API_PUBLIC_URL", "api.public.url", "monitor.example.com:8080");
        invalid("API_PUBLIC_URL", "api.public.url", "ftp://monitor.example.com");
        invalid("API_PUBLIC_URL", "api.public.url", "http://monitor.example.com/?x=1");
        invalid("ACK_LINK_TTL_HOURS", "ack.link.ttl.hours", "0");
        invalid("ACK_LINK_SECRET", "ack.link.secret", "short");
    }

    @Test
    void theSecretIsMaskedAsASecret() {
        assertTrue(SettingSources.isSecret("ack.link.secret"));
        assertTrue(read("ack.link.secret", "0123456789abcdef0123").toString().indexOf("0123456789abcdef") < 0);
    }
}
