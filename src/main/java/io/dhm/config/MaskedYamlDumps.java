package io.dhm.config;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.spi.ModelToYAMLDumper;

import java.util.List;
import java.util.Map;

/**
 * Camel's YAML route dumps (camel-yaml-io), with the secrets masked: those a placeholder resolves to, and every secret's
 * value.
 */
final class MaskedYamlDumps implements ModelToYAMLDumper {

    private final ModelToYAMLDumper camel;
    private final SecretPlaceholders secrets;

    MaskedYamlDumps(ModelToYAMLDumper camel, SecretPlaceholders secrets) {
        this.camel = camel;
        this.secrets = secrets;
    }

    @Override
    public String dumpModelAsYaml(CamelContext context, NamedNode definition) throws Exception {
        return secrets.masked(() -> camel.dumpModelAsYaml(context, definition));
    }

    @Override
    public String dumpModelAsYaml(CamelContext context, NamedNode definition, boolean resolvePlaceholders,
                                  boolean uriAsParameters, boolean generatedIds, boolean sourceLocation) throws Exception {
        return secrets.masked(() -> camel.dumpModelAsYaml(context, definition, resolvePlaceholders, uriAsParameters,
                generatedIds, sourceLocation));
    }

    @Override
    public String dumpBeansAsYaml(CamelContext context, List<Object> beans) throws Exception {
        return secrets.masked(() -> camel.dumpBeansAsYaml(context, beans));
    }

    @Override
    public String dumpDataFormatsAsYaml(CamelContext context, Map<String, Object> dataFormats) throws Exception {
        return secrets.masked(() -> camel.dumpDataFormatsAsYaml(context, dataFormats));
    }
}
