package io.dhm.config;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.spi.ModelToXMLDumper;

import java.util.List;
import java.util.Map;

/**
 * Camel's XML route dumps (camel-xml-io), with the secrets masked: those a placeholder resolves to, and every secret's
 * value.
 */
final class MaskedXmlDumps implements ModelToXMLDumper {

    private final ModelToXMLDumper camel;
    private final SecretPlaceholders secrets;

    MaskedXmlDumps(ModelToXMLDumper camel, SecretPlaceholders secrets) {
        this.camel = camel;
        this.secrets = secrets;
    }

    @Override
    public String dumpModelAsXml(CamelContext context, NamedNode definition) throws Exception {
        return secrets.masked(() -> camel.dumpModelAsXml(context, definition));
    }

    @Override
    public String dumpModelAsXml(CamelContext context, NamedNode definition, boolean resolvePlaceholders,
                                 boolean generatedIds, boolean sourceLocation) throws Exception {
        return secrets.masked(() -> camel.dumpModelAsXml(context, definition, resolvePlaceholders, generatedIds,
                sourceLocation));
    }

    @Override
    public String dumpBeansAsXml(CamelContext context, List<Object> beans) throws Exception {
        return secrets.masked(() -> camel.dumpBeansAsXml(context, beans));
    }

    @Override
    public String dumpDataFormatsAsXml(CamelContext context, Map<String, Object> dataFormats) throws Exception {
        return secrets.masked(() -> camel.dumpDataFormatsAsXml(context, dataFormats));
    }
}
