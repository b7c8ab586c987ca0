package io.dhm.kamelet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameters as a route writes them and as a Pipe hands them over. */
class KameletParameterTest {

    private static String text(String value) {
        return KameletParameter.text("docker-health-source", "dockerHost", value);
    }

    @Test
    void aValueAsWrittenIsKeptAsItIs() {
        assertEquals("unix:///var/run/docker.sock", text(" unix:///var/run/docker.sock "));
        assertEquals("tcp://10.0.0.5:2376", text("tcp://10.0.0.5:2376"));
        assertEquals("/certs/100%25", text("/certs/100%25")); // a folder as written has a '/'
        assertEquals("", text(null));
    }

    @Test
    void aPipesUrlEncodedValueIsDecoded() {
        assertEquals("unix:///tmp/dhm-engine/docker.sock", text("unix%3A%2F%2F%2Ftmp%2Fdhm-engine%2Fdocker.sock"));
        assertEquals("tcp://10.0.0.5:2376", text("tcp%3A%2F%2F10.0.0.5%3A2376"));
        assertEquals("/etc/docker/certs", text("%2Fetc%2Fdocker%2Fcerts"));
    }

    @Test
    void aPlaceholderThatAPipeLeftUnresolvedIsNamed() {
        IllegalArgumentException placeholder = assertThrows(IllegalArgumentException.class,
                () -> text("%7B%7Benv%3ADOCKER_HOST%7D%7D"));
        assertEquals("docker-health-source: dockerHost: '{{env:DOCKER_HOST}}' is a property placeholder that Camel left"
                + " unresolved, as it does in a Pipe's source; write the value itself", placeholder.getMessage());
    }

    @Test
    void aMissingValueIsNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KameletParameter.required("docker-health-source", "dockerHost", "", "unix:///var/run/docker.sock"));
        assertEquals("docker-health-source: the parameter dockerHost is missing or empty; give it, e.g. "
                + "dockerHost: unix:///var/run/docker.sock", missing.getMessage());
    }
}
