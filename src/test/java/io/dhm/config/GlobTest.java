package io.dhm.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {

    /** Small alphabets, so that random globs and names often match: the cases worth comparing. */
    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab*?.").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab.").ofMaxLength(10);
    }

    @Property(tries = 2000)
    void matchesExactlyWhatTheEquivalentRegularExpressionMatches(@ForAll("globs") String glob, @ForAll("names") String name) {
        assertEquals(regex(glob).matcher(name).matches(), Glob.of(glob).matches(name), glob + " against " + name);
        assertEquals(regex(glob).matcher(name).find(), Glob.of(glob).occursIn(name), glob + " in " + name);
    }

    @Test
    void starsAndQuestionMarksAreTheOnlyWildcards() {
        assertTrue(Glob.of("web-*").matches("web-1"));
        assertTrue(Glob.of("web-?").matches("web-1"));
        assertFalse(Glob.of("web-?").matches("web-12"));
        assertFalse(Glob.of("a.b").matches("axb"));
        assertTrue(Glob.of("*").matches(""));
        assertTrue(Glob.of("shop").occursIn("myshop-api"));
        assertFalse(Glob.of("shop").matches("myshop-api"));
    }

    @Test
    void aGlobOfManyStarsFailsToMatchWithoutBacktracking() {
        String name = "a".repeat(5000);
        // as a regular expression, 40 stars and an x held a thread for 35 s against a 60-character name
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(Glob.of("*".repeat(40) + "x").matches(name));
            assertFalse(Glob.of("*a".repeat(120) + "x").occursIn(name));
            assertTrue(Glob.of("*a".repeat(120) + "*").matches(name));
        });
    }

    @Test
    void aGlobLongerThanTheLimitIsRefusedNamingTheSetting() {
        assertEquals(Glob.MAX_LENGTH, Glob.of("x".repeat(Glob.MAX_LENGTH)).toString().length());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> Glob.of("*".repeat(5000)));
        assertEquals("a name pattern is at most 256 characters; this one has 5000", tooLong.getMessage());
        InvalidSettingException named = assertThrows(InvalidSettingException.class,
                () -> Glob.checked("AUTOHEAL_EXCLUDE_NAMES", "*".repeat(257)));
        assertTrue(named.getMessage().startsWith("AUTOHEAL_EXCLUDE_NAMES: a name pattern is at most 256"), named.getMessage());
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
