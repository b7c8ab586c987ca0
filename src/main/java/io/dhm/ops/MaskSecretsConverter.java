package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

import java.util.List;

/**
 * {@code %maskSecrets{pattern}} in a log layout: what the pattern writes, with every secret's value masked
 * ({@link SecretValues}). The bundled log4j2.properties wraps the message and the stack trace in it, so a secret that
 * reaches a log line, in a Camel warning naming an endpoint or an exception's message quoting a URL, reads as a mask.
 */
@Plugin(name = "MaskSecretsConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"maskSecrets"})
public final class MaskSecretsConverter extends LogEventPatternConverter {

    private final List<PatternFormatter> formatters;

    private MaskSecretsConverter(List<PatternFormatter> formatters) {
        super("maskSecrets", null);
        this.formatters = formatters;
    }

    /** Called by log4j2 for {@code %maskSecrets{pattern}}. */
    public static MaskSecretsConverter newInstance(Configuration config, String[] options) {
        if (options.length != 1) {
            throw new IllegalArgumentException("%maskSecrets takes one pattern, as %maskSecrets{%msg}");
        }
        return new MaskSecretsConverter(PatternLayout.createPatternParser(config).parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        int start = toAppendTo.length();
        for (PatternFormatter formatter : formatters) {
            formatter.format(event, toAppendTo);
        }
        String written = toAppendTo.substring(start);
        String masked = SecretValues.mask(written);
        if (!masked.equals(written)) {
            toAppendTo.setLength(start);
            toAppendTo.append(masked);
        }
    }

    /** A stack trace written inside is the layout's own: log4j2 then adds none of its own after the line. */
    @Override
    public boolean handlesThrowable() {
        return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
