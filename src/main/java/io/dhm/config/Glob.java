package io.dhm.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell-style name glob, as the settings, labels, routing rules and silences write container names: {@code *} any
 * run, {@code ?} one character. Matched without a regular expression: the parts between stars are found left to right,
 * each at its first place, which is all a glob needs, so no glob (forty stars and an x) can make a match backtrack.
 * A glob is at most {@link #MAX_LENGTH} characters.
 */
public final class Glob {

    /** Longer than any container name or project a person writes a pattern for. */
    public static final int MAX_LENGTH = 256;

    private final String text;
    /** The parts between the stars; a glob without a star has one. */
    private final List<String> parts;

    private Glob(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** The glob; refuses one longer than {@link #MAX_LENGTH}, with a message naming the limit. */
    public static Glob of(String glob) {
        if (glob.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a name pattern is at most " + MAX_LENGTH + " characters; this one has "
                    + glob.length());
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
            parts.add(glob.substring(from, star));
            from = star + 1;
        }
        parts.add(glob.substring(from));
        return new Glob(glob, List.copyOf(parts));
    }

    /** The glob, or an error naming {@code source} (a setting, a label) when it is too long. */
    public static Glob checked(String source, String glob) {
        try {
            return of(glob);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(source, e.getMessage());
        }
    }

    /** Whether the whole of {@code name} matches. */
    public boolean matches(String name) {
        String first = parts.get(0);
        if (parts.size() == 1) {
            return name.length() == first.length() && partAt(first, name, 0);
        }
        String last = parts.get(parts.size() - 1);
        int end = name.length() - last.length();
        if (end < first.length() || !partAt(first, name, 0) || !partAt(last, name, end)) {
            return false;
        }
        int at = first.length();
        for (String middle : parts.subList(1, parts.size() - 1)) {
            at = find(middle, name, at, end);
            if (at < 0) {
                return false;
            }
            at += middle.length();
        }
        return true;
    }

    /** Whether it matches some part of {@code text}, as if it began and ended with a star. */
    public boolean occursIn(String text) {
        int at = 0;
        for (String part : parts) {
            at = find(part, text, at, text.length());
            if (at < 0) {
                return false;
            }
            at += part.length();
        }
        return true;
    }

    /** The first place at or after {@code from} where {@code part} lies wholly before {@code end}, or -1. */
    private static int find(String part, String text, int from, int end) {
        for (int at = from; at + part.length() <= end; at++) {
            if (partAt(part, text, at)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean partAt(String part, String text, int at) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '?' && c != text.charAt(at + i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
