package io.dhm.kamelet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameters as a route writes them and as a Pipe hands them over. */
class KameletParameterTest {

    @Test
    void aValueAsWrittenIsKeptAsItIs() {
        assertEquals("unix:///var/run/docker.sock", KameletParameter.plain(" unix:///var/run/docker.sock "));
        assertEquals("tcp://10.0.0.5:2376", KameletParameter.plain("tcp://10.0.0.5:2376"));
        assertEquals("/certs/100%25", KameletParameter.plain("/certs/100%25")); // a folder as written has a '/'
        assertEquals("", KameletParameter.plain(null));
    }

    @Test
    void aPipesUrlEncodedValueIsDecoded() {
        assertEquals("unix:///tmp/dhm-engine/docker.sock", KameletParameter.plain("unix%3A%2F%2F%2Ftmp%2Fdhm-engine%2Fdocker.sock"));
        assertEquals("tcp://10.0.0.5:2376", KameletParameter.plain("tcp%3A%2F%2F10.0.0.5%3A2376"));
        assertEquals("/etc/docker/certs", KameletParameter.plain("%2Fetc%2Fdocker%2Fcerts"));
    }

    @Test
    void aMissingValueIsNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KameletParameter.required("docker-health-source", "dockerHost", "", "unix:///var/run/docker.sock"));
        assertEquals("docker-health-source: the parameter dockerHost is missing or empty; give it, e.g. "
                + "dockerHost: unix:///var/run/docker.sock", missing.getMessage());
    }
}
