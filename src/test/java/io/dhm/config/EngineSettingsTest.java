package io.dhm.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSettingsTest {

    private static EngineSettings read(String... keysAndValues) {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return EngineSettings.read(properties);
    }

    private static String refusal(String... keysAndValues) {
        return assertThrows(InvalidSettingException.class, () -> read(keysAndValues)).getMessage();
    }

    private static Path tlsFolder(Path parent, String name, String... files) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(name));
        for (String file : files) {
            Files.writeString(folder.resolve(file), "pem");
        }
        return folder;
    }

    @Test
    void withoutDockerHostsTheSingleEngineOfDockerHostIsWatchedUnnamedAsAlways() {
        EngineSettings engines = read("docker.host", "tcp://10.0.0.5:2375");

        assertFalse(engines.named());
        assertEquals(List.of(new EngineSettings.EngineTarget("local", "tcp://10.0.0.5:2375", false, Optional.empty())),
                engines.engines());
        assertEquals(Duration.ofSeconds(60), engines.unreachableWait());
    }

    @Test
    void dockerHostsNamesEachEngineInOrderAndATcpEngineWithAFolderIsReachedOverTls(@TempDir Path certs)
            throws IOException {
        Path web2 = tlsFolder(certs, "web2", "ca.pem", "cert.pem", "key.pem");

        EngineSettings engines = read("docker.hosts", " web1=unix:///var/run/docker.sock , web2=tcp://10.0.0.2:2376,"
                + "web3=tcp://10.0.0.3:2375", "docker.certs.dir", certs.toString(), "engine.unreachable.sec", "90");

        assertTrue(engines.named());
        assertEquals(List.of(
                new EngineSettings.EngineTarget("web1", "unix:///var/run/docker.sock", false, Optional.empty()),
                new EngineSettings.EngineTarget("web2", "tcp://10.0.0.2:2376", true, Optional.of(web2)),
                new EngineSettings.EngineTarget("web3", "tcp://10.0.0.3:2375", false, Optional.empty())),
                engines.engines());
        assertEquals(Duration.ofSeconds(90), engines.unreachableWait());
    }

    @Test
    void twoEnginesOfOneNameOrANameThatIsNoNameStopStartUpNamingDockerHosts() {
        assertEquals("DOCKER_HOSTS: names the engine 'web1' twice; give each engine its own name",
                refusal("docker.hosts", "web1=unix:///a.sock,web1=tcp://10.0.0.2:2375"));
        assertTrue(refusal("docker.hosts", "Web_1=unix:///a.sock").startsWith("DOCKER_HOSTS: 'Web_1' is not an engine name"));
        assertTrue(refusal("docker.hosts", "unix:///a.sock").startsWith("DOCKER_HOSTS: 'unix:///a.sock' is not name=URL"));
        assertTrue(refusal("docker.hosts", "web1=http://10.0.0.2").startsWith("DOCKER_HOSTS: 'http://10.0.0.2' must start with"));
    }

    @Test
    void aTlsFolderMissingAFileOrBelongingToAUnixEngineStopsStartUpNamingDockerCertsDir(@TempDir Path certs)
            throws IOException {
        Path web2 = tlsFolder(certs, "web2", "ca.pem", "cert.pem");
        assertEquals("DOCKER_CERTS_DIR: '" + web2 + "' lacks key.pem (a TLS folder holds the Docker CLI's ca.pem,"
                + " cert.pem and key.pem)", refusal("docker.hosts", "web2=tcp://10.0.0.2:2376",
                "docker.certs.dir", certs.toString()));

        tlsFolder(certs, "web1", "ca.pem", "cert.pem", "key.pem");
        assertTrue(refusal("docker.hosts", "web1=unix:///var/run/docker.sock", "docker.certs.dir", certs.toString())
                .startsWith("DOCKER_CERTS_DIR: has a TLS folder for 'web1', whose engine is unix:///var/run/docker.sock"));
        assertTrue(refusal("docker.hosts", "web1=unix:///a.sock", "docker.certs.dir", certs.resolve("nowhere").toString())
                .startsWith("DOCKER_CERTS_DIR: '"));
    }
}
