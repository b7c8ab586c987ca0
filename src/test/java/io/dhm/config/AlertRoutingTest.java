package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRoutingTest {

    private static final String VAR = "CONTAINER_ALERT_ROUTING";
    private static final List<String> DEFAULTS = List.of("ops@x.com");

    private static AlertRouting parse(String text) {
        return AlertRouting.parse(VAR, text, DEFAULTS);
    }

    private static InvalidSettingException invalid(String text) {
        return assertThrows(InvalidSettingException.class, () -> parse(text));
    }

    private static void assertMessage(InvalidSettingException e, String quoted) {
        assertTrue(e.getMessage().startsWith(VAR + ": "), () -> "message should start with the variable: " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + quoted + "'"), () -> "message should quote '" + quoted + "': " + e.getMessage());
    }

    @Test
    void parsesRulesInOrder() {
        AlertRouting routing = parse("pattern1:a@x.com,b@x.com;pattern2:c@x.com");
        assertEquals(2, routing.rules().size());
        assertEquals("pattern1", routing.rules().get(0).pattern().toString());
        assertEquals(List.of("a@x.com", "b@x.com"), routing.rules().get(0).recipients());
        assertEquals("pattern2", routing.rules().get(1).pattern().toString());
        assertEquals(List.of("c@x.com"), routing.rules().get(1).recipients());
        assertEquals(DEFAULTS, routing.defaults());
    }

    @Test
    void aRuleMayNameCamelEndpoints() {
        AlertRouting routing = parse("shop:a@x.com,camel:kafka:shop-alerts?brokers=kafka:9092;billing:camel:{{billing.uri}}");
        assertEquals(List.of("a@x.com", "camel:kafka:shop-alerts?brokers=kafka:9092"), routing.rules().get(0).recipients());
        assertEquals(List.of("kafka:shop-alerts?brokers=kafka:9092", "{{billing.uri}}"), routing.endpointUris());
        assertMessage(invalid("shop:camel:no scheme"), "camel:no scheme");
        assertMessage(invalid("shop:camel:"), "camel:");
    }

    @Test
    void aPatternLongerThanTheGlobLimitIsRefused() {
        InvalidSettingException e = invalid("*".repeat(300) + ":a@x.com");
        assertTrue(e.getMessage().startsWith(VAR + ": a name pattern is at most 256 characters"), e.getMessage());
    }

    @Test
    void toleratesSpacesAndEmptySegments() {
        AlertRouting routing = parse("  shop : a@x.com , b@x.com ;; ;billing:c@x.com;");
        assertEquals(2, routing.rules().size());
        assertEquals("shop", routing.rules().get(0).pattern().toString());
        assertEquals(List.of("a@x.com", "b@x.com"), routing.rules().get(0).recipients());
        assertEquals(List.of("c@x.com"), routing.recipientsFor("billing-api-1", null));
    }

    @Test
    void withSeveralEnginesAPatternAlsoMatchesTheEngineAndContainer() {
        AlertRouting routing = parse("web2/:ops-web2@x.com;api:api@x.com");
        assertEquals(List.of("ops-web2@x.com"), routing.recipientsFor("db-1", null, "web2"));
        assertEquals(DEFAULTS, routing.recipientsFor("db-1", null, "web1"));
        assertEquals(List.of("api@x.com"), routing.recipientsFor("api-1", null, "web1"), "the plain name still matches");
        assertEquals(DEFAULTS, routing.recipientsFor("db-1", null), "one engine: no engine to match");
    }

    @Test
    void firstMatchWins() {
        AlertRouting webFirst = parse("web:a@x.com;shop:b@x.com");
        assertEquals(List.of("a@x.com"), webFirst.recipientsFor("shop-web-1", "shop"));

        AlertRouting shopFirst = parse("shop:b@x.com;web:a@x.com");
        assertEquals(List.of("b@x.com"), shopFirst.recipientsFor("shop-web-1", "shop"));
    }

    @Test
    void matchesContainerName() {
        AlertRouting routing = parse("payments:pay@x.com");
        assertEquals(List.of("pay@x.com"), routing.recipientsFor("payments-api", null));
    }

    @Test
    void matchesComposeProject() {
        AlertRouting routing = parse("billing:bill@x.com");
        assertEquals(List.of("bill@x.com"), routing.recipientsFor("api-1", "billing"));
        assertEquals(DEFAULTS, routing.recipientsFor("api-1", "shop"));
    }

    @Test
    void matchesSubstring() {
        AlertRouting routing = parse("web:w@x.com");
        assertEquals(List.of("w@x.com"), routing.recipientsFor("shop-web-1", null));
        assertEquals(List.of("w@x.com"), routing.recipientsFor("x", "my-website"));
    }

    @Test
    void starIsAWildcard() {
        AlertRouting routing = parse("shop-*-1:s@x.com");
        assertEquals(List.of("s@x.com"), routing.recipientsFor("shop-web-1", null));
        assertEquals(List.of("s@x.com"), routing.recipientsFor("shop-worker-long-name-1", null));
        assertEquals(DEFAULTS, routing.recipientsFor("shop-web-2", null));
    }

    @Test
    void questionMarkIsExactlyOneCharacter() {
        AlertRouting routing = parse("db?:d@x.com");
        assertEquals(List.of("d@x.com"), routing.recipientsFor("db1", null));
        assertEquals(DEFAULTS, routing.recipientsFor("db", null));

        AlertRouting inner = parse("w?b:w@x.com");
        assertEquals(List.of("w@x.com"), inner.recipientsFor("shop-web-1", null));
        assertEquals(DEFAULTS, inner.recipientsFor("shop-wb-1", null));
    }

    @Test
    void otherCharactersAreLiteral() {
        AlertRouting routing = parse("a.b:d@x.com;(x)+:e@x.com");
        assertEquals(DEFAULTS, routing.recipientsFor("axb", null));
        assertEquals(List.of("d@x.com"), routing.recipientsFor("a.b-1", null));
        assertEquals(DEFAULTS, routing.recipientsFor("xx", null));
        assertEquals(List.of("e@x.com"), routing.recipientsFor("svc-(x)+", null));
    }

    @Test
    void matchingIsCaseInsensitive() {
        assertEquals(List.of("s@x.com"), parse("SHOP:s@x.com").recipientsFor("shop-web-1", null));
        assertEquals(List.of("s@x.com"), parse("shop:s@x.com").recipientsFor("SHOP-WEB-1", null));
        assertEquals(List.of("s@x.com"), parse("Sh*P:s@x.com").recipientsFor("x", "sHoP"));
    }

    @Test
    void noMatchGivesDefaults() {
        AlertRouting routing = parse("shop:s@x.com");
        assertEquals(DEFAULTS, routing.recipientsFor("billing-api-1", "billing"));
        assertEquals(DEFAULTS, routing.recipientsFor("billing-api-1", null));
    }

    @Test
    void emptyOrBlankTextGivesOnlyDefaults() {
        for (String text : new String[] {null, "", "   ", " ; ; "}) {
            AlertRouting routing = parse(text);
            assertTrue(routing.rules().isEmpty(), () -> "no rules for '" + text + "'");
            assertEquals(DEFAULTS, routing.recipientsFor("shop-web-1", "shop"));
        }
    }

    @Test
    void emptyDefaultsStayEmpty() {
        AlertRouting routing = AlertRouting.parse(VAR, "shop:s@x.com", List.of());
        assertTrue(routing.recipientsFor("db", null).isEmpty());
    }

    @Test
    void missingColonIsRejected() {
        InvalidSettingException e = invalid("shop:a@x.com;billing b@x.com");
        assertMessage(e, "billing b@x.com");
    }

    @Test
    void emptyPatternIsRejected() {
        assertMessage(invalid(":a@x.com"), ":a@x.com");
        assertMessage(invalid("shop:s@x.com;  :a@x.com"), ":a@x.com");
    }

    @Test
    void ruleWithoutAddressIsRejected() {
        InvalidSettingException e = invalid("shop:");
        assertMessage(e, "shop:");
        assertTrue(e.getMessage().contains("no email address"), e.getMessage());

        assertMessage(invalid("shop: , ;billing:b@x.com"), "shop: ,");
    }

    @Test
    void badAddressIsRejected() {
        InvalidSettingException e = invalid("shop:a@x.com,not-an-email");
        assertMessage(e, "not-an-email");

        assertMessage(invalid("shop:a@@x.com"), "a@@x.com");
    }

    @Test
    void messageUsesTheGivenVariableName() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> AlertRouting.parse("MY_ROUTES", "nocolon", DEFAULTS));
        assertTrue(e.getMessage().startsWith("MY_ROUTES: "), e.getMessage());
        assertTrue(e.getMessage().contains("'nocolon'"), e.getMessage());
    }
}
