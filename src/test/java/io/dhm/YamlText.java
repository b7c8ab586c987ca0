package io.dhm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.List;

/**
 * A YAML text as a JSON schema sees it (its values as JSON: 5000 a number, "5000" a string, as an editor reads them)
 * and as its reader sees it: where it is and on which line each value stands.
 */
record YamlText(String where, int firstLine, Node tree, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code text} found at {@code where}, its first line being line {@code firstLine} there. */
    static YamlText parse(String where, int firstLine, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(where).build();
        Node tree = new Compose(settings).composeString(text)
                .orElseThrow(() -> new AssertionError(where + ": no YAML"));
        return new YamlText(where, firstLine, tree, JSON.valueToTree(new Load(settings).loadFromString(text)));
    }

    /**
     * The line of the value at {@code path} (mapping keys and sequence indexes from the root), or of the deepest value
     * on it that exists: a missing property is reported where its mapping is.
     */
    int lineOf(List<Object> path) {
        Node node = tree;
        for (Object step : path) {
            Node next = child(node, step);
            if (next == null) {
                break;
            }
            node = next;
        }
        return firstLine + node.getStartMark().map(Mark::getLine).orElse(0);
    }

    private static Node child(Node node, Object step) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(step))) {
                    return tuple.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode sequence && step instanceof Integer index
                && index < sequence.getValue().size()) {
            return sequence.getValue().get(index);
        }
        return null;
    }
}
