package io.dhm.check;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.ExecOutcome;

import java.util.List;

/** Runs the check's command inside the container with sh -c, as `docker exec` would; passes on exit code 0. */
public class ExecProbe implements Probe {

    private final Engine docker;

    public ExecProbe(Engine docker) {
        this.docker = docker;
    }

    @Override
    public ProbeResult probe(CheckSpec spec, ContainerView container) {
        long start = System.nanoTime();
        try {
            ExecOutcome outcome = docker.exec(container.id(), List.of("sh", "-c", spec.target()), spec.timeout());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String output = outcome.output().isEmpty() ? "" : ": " + outcome.output();
            return new ProbeResult(outcome.succeeded(), outcome.exitCode() == null
                    ? outcome.output() : "exit code " + outcome.exitCode() + output, millis);
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            return new ProbeResult(false, Probe.reason(e), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
