package io.dhm.ops;

import io.dhm.config.SecretValues;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a tool is answered, Camel's consoles or JMX, with every secret's value masked ({@link SecretValues}): text as
 * text, maps and lists value by value (the tool serialises them, and a serialised form may escape a value's characters,
 * a URL's slashes in JSON, where the value would no longer be found), each kind built as the tool expects it.
 */
final class MaskedValues {

    private final Supplier<Map<String, Object>> maps;
    private final Supplier<List<Object>> lists;

    MaskedValues(Supplier<Map<String, Object>> maps, Supplier<List<Object>> lists) {
        this.maps = maps;
        this.lists = lists;
    }

    Object masked(Object value) {
        if (value instanceof String text) {
            return SecretValues.mask(text);
        }
        if (value instanceof String[] texts) {
            return Arrays.stream(texts).map(SecretValues::mask).toArray(String[]::new);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = maps.get();
            map.forEach((key, entry) -> masked.put(SecretValues.mask(String.valueOf(key)), masked(entry)));
            return masked;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> masked = lists.get();
            collection.forEach(entry -> masked.add(masked(entry)));
            return masked;
        }
        return value;
    }
}
