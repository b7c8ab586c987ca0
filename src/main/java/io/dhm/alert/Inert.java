package io.dhm.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container text (names, labels, health output, logs) made inert for one kind of output. Whoever runs a container
 * writes it, so in a plain-text mail it may not start a line of its own (a forged acknowledge link), move the
 * terminal's cursor, or turn a suggested command into another one; in chat it may not mention everyone or open a link.
 */
public final class Inert {

    /**
     * Characters that end a line, move the cursor or reverse the text's direction where shown: C0 and C1 controls
     * (tab and line feed excepted), the Unicode line and paragraph separators, and the bidirectional overrides.
     */
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
    /** A word the shell takes as it stands. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");
    /** Discord's markdown and mention characters. */
    private static final Pattern DISCORD_MARKUP = Pattern.compile("([\\\\*_~`|>#\\[\\]()<@])");

    private Inert() {
    }

    /** Text of several lines: its line feeds and tabs kept, every other control character shown as {@code \xNN}. */
    public static String lines(String text) {
        return text == null ? null : CONTROLS.matcher(text).replaceAll(match -> Matcher.quoteReplacement(visible(match.group().charAt(0))));
    }

    /** Text that must stay on one line: line feeds shown as {@code \n}, tabs as a space, other controls as in {@link #lines}. */
    public static String line(String text) {
        return text == null ? null : lines(text).replace("\n", "\\n").replace('\t', ' ');
    }

    /**
     * One word of a shell command, as an operator pastes it: left as it is when the shell reads it so, else in single
     * quotes (a quote inside closed, escaped and reopened), so that pasting it runs nothing of the container's.
     */
    public static String shellWord(String text) {
        if (text != null && SHELL_WORD.matcher(text).matches()) {
            return text;
        }
        return "'" + line(text == null ? "" : text).replace("'", "'\\''") + "'";
    }

    /** For Slack-style chat ({@code text}: Slack, Mattermost, Teams): its three control characters as entities. */
    public static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** For Discord ({@code content}): markdown, masked links and mentions each escaped with a backslash. */
    public static String discord(String text) {
        return DISCORD_MARKUP.matcher(text).replaceAll("\\\\$1");
    }

    private static String visible(char c) {
        return c <= 0xFF ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c);
    }
}
