package io.dhm.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** A setting that is a comma-separated list: its non-blank items, trimmed, each checked by the item's own parser. */
final class CommaList {

    private CommaList() {
    }

    static List<String> parse(String text, UnaryOperator<String> item) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(raw -> !raw.isEmpty()).map(item).toList();
    }
}
