package io.dhm.config;

import java.util.regex.Pattern;

/** A shell-style name glob, as the settings, labels and silences write container names: * any run, ? one character. */
public final class Glob {

    private Glob() {
    }

    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
