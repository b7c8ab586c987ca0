package io.dhm.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredKeyTest {

    @Test
    void aKeyWithinTheLimitIsKeptAsItIs() {
        assertEquals("shop/web/1", StoredKey.of("shop/web/1"));
        String atLimit = "p".repeat(StoredKey.MAX_LENGTH);
        assertEquals(atLimit, StoredKey.of(atLimit));
    }

    @Test
    void aLongKeyKeepsItsReadableStartAndADigestOfTheWhole() {
        String project = "x".repeat(3000);
        String key = StoredKey.of(project + "/web/1");
        assertEquals(StoredKey.MAX_LENGTH, key.length());
        assertTrue(key.startsWith("xxxx") && key.matches(".*~[0-9a-f]{32}"), key);
        assertNotEquals(key, StoredKey.of(project + "/web/2"), "keys that share a long start stay apart");
        assertEquals(key, StoredKey.of(project + "/web/1"), "and the same container always has the same");
    }

    @Property(tries = 500)
    void everyKeyFitsTheNarrowestColumn(@ForAll @StringLength(max = 5000) String key) {
        String stored = StoredKey.of(key);
        assertTrue(stored.length() <= StoredKey.MAX_LENGTH, () -> stored.length() + " characters");
        assertTrue(stored.length() == key.length() || !Character.isHighSurrogate(stored.charAt(stored.length() - 34)));
    }
}
