package io.dhm.engine;


import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Several engines (DOCKER_HOSTS) behind the one {@link Engine} the stages use. A call about a container goes to the
 * engine that runs it: each container's view carries its engine's name, and container ids (unique across engines)
 * are remembered as they are seen. A call that concerns every engine asks them side by side and leaves out the ones
 * that do not answer, so one engine that is down or slow never holds up what the others say. The poll, the event
 * stream and the outage watch do not come through here: they take each {@link #members() member} on its own.
 */
public class EngineFleet implements Engine {

    private static final int REMEMBERED_IDS = 20_000;

    private final List<Engine> members;
    /** The engine of each container id seen lately; bounded, since containers come and go for as long as it runs. */
    private final Map<String, Engine> byId = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Engine> eldest) {
            return size() > REMEMBERED_IDS;
        }
    });
    private final ExecutorService askers;

    public EngineFleet(List<Engine> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one engine");
        }
        this.members = List.copyOf(members);
        // not a fixed pool: calls to an engine that hangs (each bounded by the client's timeouts) must never leave the
        // others' calls waiting for a thread
        this.askers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "engine-fleet");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<Engine> members() {
        return members;
    }

    @Override
    public String name() {
        return String.join(",", members.stream().map(Engine::name).toList());
    }

    @Override
    public String dockerHost() {
        return String.join(",", members.stream().map(engine -> engine.name() + "=" + engine.dockerHost()).toList());
    }

    @Override
    public List<ContainerView> listRunning() {
        return fromEvery(Engine::listRunning, view -> view);
    }

    @Override
    public List<RunningContainer> runningWithStatus() {
        return fromEvery(Engine::runningWithStatus, RunningContainer::view);
    }

    /**
     * What every engine answers, side by side; an engine that does not answer is left out (it has said so in the
     * log), unless none answers.
     */
    private <T> List<T> fromEvery(Function<Engine, List<T>> ask, Function<T, ContainerView> viewOf) {
        List<CompletableFuture<List<T>>> asked = members.stream()
                .map(engine -> CompletableFuture.supplyAsync(() -> ask.apply(engine), askers)
                        .exceptionally(failed -> null))
                .toList();
        List<T> all = new ArrayList<>();
        boolean anyAnswered = false;
        for (int i = 0; i < members.size(); i++) {
            List<T> answer = asked.get(i).join();
            Engine engine = members.get(i);
            if (answer != null) {
                anyAnswered = true;
                answer.forEach(item -> remember(viewOf.apply(item), engine));
                all.addAll(answer);
            }
        }
        if (!anyAnswered) {
            throw new EngineUnavailableException("no Docker engine answered (" + dockerHost() + ")", null);
        }
        return all;
    }

    @Override
    public Optional<ContainerView> inspect(String idOrName) {
        Optional<Engine> known = known(idOrName);
        if (known.isPresent()) {
            return known.get().inspect(unqualified(idOrName));
        }
        // every engine is asked at once, and the first that knows the container answers: one that is slow to say it
        // does not (or that is away) holds up no other
        ExecutorCompletionService<Optional<ContainerView>> asked = new ExecutorCompletionService<>(askers);
        members.forEach(engine -> asked.submit(() -> {
            try {
                return engine.inspect(idOrName);
            } catch (EngineUnavailableException e) {
                return Optional.<ContainerView>empty();
            }
        }));
        for (int answers = 0; answers < members.size(); answers++) {
            Optional<ContainerView> found = answer(asked);
            if (found.isPresent()) {
                remember(found.get(), member(found.get().engineName()));
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<ContainerView> answer(ExecutorCompletionService<Optional<ContainerView>> asked) {
        try {
            return asked.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while asking the engines", e);
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ContainerView> current(ContainerView of) {
        return member(of.engineName()).current(of);
    }

    @Override
    public String logTail(String containerId, int lines) {
        return owner(containerId).logTail(containerId, lines);
    }

    @Override
    public List<String> logLinesSince(String containerId, int sinceEpochSecond) {
        return owner(containerId).logLinesSince(containerId, sinceEpochSecond);
    }

    @Override
    public boolean restart(String containerId, int stopTimeoutSec) {
        return owner(containerId).restart(containerId, stopTimeoutSec);
    }

    @Override
    public List<ContainerView> networkDependents(ContainerView of) {
        return member(of.engineName()).networkDependents(of);
    }

    @Override
    public Optional<Inspected> snapshot(String idOrName) {
        return owner(idOrName).snapshot(unqualified(idOrName));
    }

    @Override
    public Optional<ContainerState> state(String idOrName) {
        return owner(idOrName).state(unqualified(idOrName));
    }

    @Override
    public Optional<Integer> restartCount(String containerId) {
        return owner(containerId).restartCount(containerId);
    }

    @Override
    public ExecOutcome exec(String containerId, List<String> command, Duration timeout) {
        return owner(containerId).exec(containerId, command, timeout);
    }

    @Override
    public Optional<StatsReading> stats(String containerId) {
        return owner(containerId).stats(containerId);
    }

    /**
     * Fails when no engine answers; one that does is enough for the monitor to be of use, and its answer is enough:
     * an engine that hangs does not hold it up.
     */
    @Override
    public void ping() {
        ExecutorCompletionService<Boolean> asked = new ExecutorCompletionService<>(askers);
        members.forEach(engine -> asked.submit(() -> {
            engine.ping();
            return true;
        }));
        for (int answers = 0; answers < members.size(); answers++) {
            try {
                asked.take().get();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // that engine is away: another may answer
            }
        }
        throw new EngineUnavailableException("no Docker engine answered (" + dockerHost() + ")", null);
    }

    @Override
    public Subscription streamEvents(List<String> actions, EventListener listener) {
        throw new UnsupportedOperationException("each engine of a fleet streams its own events: use members()");
    }

    /** The engine of a container: named ("web2/api"), seen before, or found by asking each engine. */
    private Engine owner(String idOrName) {
        return known(idOrName).orElseGet(() -> inspect(idOrName).map(view -> member(view.engineName()))
                .orElse(members.get(0)));
    }

    private Optional<Engine> known(String idOrName) {
        int slash = idOrName.indexOf('/');
        if (slash > 0) {
            String engineName = idOrName.substring(0, slash);
            Optional<Engine> named = members.stream().filter(engine -> engine.name().equals(engineName)).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.ofNullable(byId.get(idOrName));
    }

    private String unqualified(String idOrName) {
        int slash = idOrName.indexOf('/');
        return slash > 0 && members.stream().anyMatch(engine -> engine.name().equals(idOrName.substring(0, slash)))
                ? idOrName.substring(slash + 1) : idOrName;
    }

    private void remember(ContainerView view, Engine engine) {
        byId.put(view.id(), engine);
    }

    @Override
    public void close() throws IOException {
        askers.shutdownNow();
        for (Engine engine : members) {
            engine.close();
        }
    }
}
