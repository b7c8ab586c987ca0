package io.dhm.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The engines the monitor watches: the single one of DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as
 * the Docker CLI reads them), or the named ones of DOCKER_HOSTS (name=URL pairs), each tcp:// engine over TLS when
 * DOCKER_CERTS_DIR has a folder of its name with the CLI's ca.pem, cert.pem and key.pem.
 *
 * @param engines         in the order given; one, unnamed, for DOCKER_HOST
 * @param named           whether DOCKER_HOSTS names them: alerts, keys and the API then carry the engine's name
 * @param unreachableWait how long an engine may not answer before its CRITICAL "Engine unreachable" alert
 */
public record EngineSettings(List<EngineTarget> engines, boolean named, Duration unreachableWait) {

    /** The names of the Docker CLI's client certificate files, which every TLS folder must hold. */
    private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    /**
     * One engine.
     *
     * @param name     its short name (lower-case letters, digits, dashes); "local" for DOCKER_HOST
     * @param host     unix://, tcp:// or npipe://
     * @param tls      whether it is reached over verified TLS
     * @param tlsCerts the folder of its client certificates; empty for the Docker CLI's default (~/.docker)
     */
    public record EngineTarget(String name, String host, boolean tls, Optional<Path> tlsCerts) {
    }

    static EngineSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        Duration wait = Duration.ofMillis(Math.round(1000 * p.number("engine.unreachable.sec", false)));
        Optional<String> hosts = p.optional("docker.hosts");
        if (hosts.isEmpty()) {
            return new EngineSettings(List.of(single(p)), false, wait);
        }
        Optional<Path> certsDir = p.optional("docker.certs.dir").map(Path::of);
        certsDir.filter(dir -> !Files.isDirectory(dir)).ifPresent(dir -> {
            throw PropertyReader.invalid("docker.certs.dir", "'" + dir + "' is not a directory");
        });
        Map<String, EngineTarget> engines = new LinkedHashMap<>();
        for (String pair : hosts.get().split(",")) {
            EngineTarget engine = named(pair.trim(), certsDir);
            if (engines.putIfAbsent(engine.name(), engine) != null) {
                throw PropertyReader.invalid("docker.hosts", "names the engine '" + engine.name() + "' twice; give each"
                        + " engine its own name");
            }
        }
        return new EngineSettings(List.copyOf(engines.values()), true, wait);
    }

    private static EngineTarget single(PropertyReader p) {
        String host = host("docker.host", p.text("docker.host"));
        Optional<Path> certs = p.optional("docker.cert.path").map(Path::of);
        boolean tls = p.flag("docker.tls.verify");
        if (tls) {
            certs.ifPresent(folder -> checkTlsFolder("docker.cert.path", folder));
        }
        return new EngineTarget("local", host, tls, tls ? certs : Optional.empty());
    }

    private static EngineTarget named(String pair, Optional<Path> certsDir) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
            throw PropertyReader.invalid("docker.hosts", "'" + pair + "' is not name=URL (for example"
                    + " web1=unix:///var/run/docker.sock,web2=tcp://10.0.0.2:2376)");
        }
        String name = pair.substring(0, equals).trim();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw PropertyReader.invalid("docker.hosts", "'" + name + "' is not an engine name: use up to 32 lower-case"
                    + " letters, digits and dashes");
        }
        String host = host("docker.hosts", pair.substring(equals + 1).trim());
        Optional<Path> certs = certsDir.map(dir -> dir.resolve(name)).filter(Files::isDirectory);
        if (certs.isPresent() && !host.startsWith("tcp://")) {
            throw PropertyReader.invalid("docker.certs.dir", "has a TLS folder for '" + name + "', whose engine is "
                    + host + ": TLS is for tcp:// engines; remove " + certs.get());
        }
        certs.ifPresent(folder -> checkTlsFolder("docker.certs.dir", folder));
        return new EngineTarget(name, host, certs.isPresent(), certs);
    }

    private static String host(String key, String host) {
        if (!(host.startsWith("unix://") || host.startsWith("tcp://") || host.startsWith("npipe://"))) {
            throw PropertyReader.invalid(key, "'" + host + "' must start with unix://, tcp:// or npipe://");
        }
        return host;
    }

    private static void checkTlsFolder(String key, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw PropertyReader.invalid(key, "'" + folder + "' is not a directory");
        }
        List<String> missing = new ArrayList<>();
        for (String file : TLS_FILES) {
            if (!Files.isReadable(folder.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            throw PropertyReader.invalid(key, "'" + folder + "' lacks " + String.join(", ", missing) + " (a TLS folder"
                    + " holds the Docker CLI's ca.pem, cert.pem and key.pem)");
        }
    }

    /** The setting that holds the TLS folders, for a message about one of them. */
    public String tlsSetting() {
        return named ? "DOCKER_CERTS_DIR" : "DOCKER_CERT_PATH";
    }

    @Override
    public String toString() {
        return "docker=" + String.join(", ", engines.stream().map(engine -> (named ? engine.name() + "=" : "")
                + engine.host() + (engine.tls() ? " (TLS)" : "")).toList());
    }
}
