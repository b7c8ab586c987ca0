package io.dhm.alert;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InertTest {

    @Test
    void controlCharactersAreShownNotObeyed() {
        assertEquals("a\\x1B[2Jb\\x0D\nc\td\\u202Efe", Inert.lines("a\u001b[2Jb\r\nc\td\u202Efe"));
        assertEquals("a\\x0D\\nb c", Inert.line("a\r\nb\tc"));
        assertEquals("\\u2028\\x85", Inert.line("\u2028\u0085"));
        assertNull(Inert.line(null));
    }

    @Test
    void shellWordsAreQuotedWhenTheShellWouldReadMoreIntoThem() {
        assertEquals("shop-web_1.2", Inert.shellWord("shop-web_1.2"));
        assertEquals("'shop; rm -rf ~'", Inert.shellWord("shop; rm -rf ~"));
        assertEquals("'$(id)'", Inert.shellWord("$(id)"));
        assertEquals("'it'\\''s'", Inert.shellWord("it's"));
        assertEquals("'a\\nb'", Inert.shellWord("a\nb"));
        assertEquals("''", Inert.shellWord(""));
    }

    @Test
    void eachChatGetsItsOwnEscaping() {
        assertEquals("&lt;!channel&gt; &amp;amp; a", Inert.slack("<!channel> &amp; a"));
        assertEquals("\\@everyone \\<\\@123\\> \\*b\\* \\[x\\]\\(https://e.example\\) \\\\", Inert.discord("@everyone <@123> *b* [x](https://e.example) \\"));
    }
}
