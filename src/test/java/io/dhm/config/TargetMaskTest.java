package io.dhm.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetMaskTest {

    @Test
    void aWebhookUrlKeepsItsSchemeHostAndPortOnly() {
        assertEquals("https://hooks.slack.com/********", TargetMask.inText("https://hooks.slack.com/services/T000/B000/XXXX"));
        assertEquals("http://********@hooks.example.com:8443/********",
                TargetMask.inText("http://user:pa55@hooks.example.com:8443/x?token=abc"));
        assertEquals("https://monitor.example.com:8080", TargetMask.inText("https://monitor.example.com:8080"));
        assertEquals("https://monitor.example.com/", TargetMask.inText("https://monitor.example.com/"));
    }

    @Test
    void everyTargetOfAListOrARoutingRuleIsMasked() {
        assertEquals("shop:ops@example.com,https://hooks.example.com/********;billing:camel:kafka:alerts?brokers=********&sasl=********",
                TargetMask.inText("shop:ops@example.com,https://hooks.example.com/shop/s3cret;billing:camel:kafka:alerts?brokers=k:9092&sasl=abc"));
        assertEquals("jdbc:postgresql://db:5432/dhm?user=********&password=********",
                TargetMask.inText("jdbc:postgresql://db:5432/dhm?user=dhm&password=s3cret"));
        assertEquals("ftp://********@files.example.com/alerts", TargetMask.inText("ftp://bob:s3cret@files.example.com/alerts"));
    }

    @Test
    void textWithoutTargetsIsLeftAsItIs() {
        assertEquals("ops@example.com, oncall@example.com", TargetMask.inText("ops@example.com, oncall@example.com"));
        assertEquals("web1=unix:///var/run/docker.sock", TargetMask.inText("web1=unix:///var/run/docker.sock"));
        assertEquals("(?i)out of memory|panic", TargetMask.inText("(?i)out of memory|panic"));
        assertEquals(null, TargetMask.inText(null));
    }
}
