package io.dhm.launch;

import sun.misc.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the monitor in a second JVM with options suited to a small, mostly idle, long-running process on a small
 * machine, so that the README's plain {@code java -jar} gets them: the C1 compiler only (the C2 compiler's threads
 * take both cores of a 2-core host for seconds at start-up and keep compiled code the monitor does not need), the serial
 * collector and a capped heap, and the classes it loads at start-up from a class-data archive ({@link ClassArchive}).
 * Only a plain {@code java -jar}, with no JVM option, is relaunched: whoever gives the JVM
 * options of their own (a heap size, a JMX port) has tuned it, and it runs as given. {@code DHM_LAUNCHER=0} runs the
 * monitor in the first JVM in any case.
 *
 * <p>The first JVM stays as the process a supervisor knows: it passes SIGTERM and SIGINT on, waits, and exits with the
 * monitor's exit code. The monitor reads its standard input, a pipe from the first JVM, and halts at once when the pipe
 * closes: the first JVM was killed (SIGKILL), and nothing may run on without it.
 */
public final class Launcher {

    static final String LAUNCHED = "dhm.launched";
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m",
            "-Xmn16m", "-Xmx512m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

    private Launcher() {
    }

    /** Whether this JVM should start the monitor's own rather than run it. */
    public static boolean relaunch() {
        return System.getProperty(LAUNCHED) == null && !"0".equals(System.getenv("DHM_LAUNCHER"))
                && ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty();
    }

    /** Starts the monitor's JVM (class {@code main}), passes signals on, and returns its exit code. */
    public static int run(Class<?> main, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(OPTIONS);
        String classPath = System.getProperty("java.class.path");
        Optional<ClassArchive> archive = ClassArchive.of(classPath, OPTIONS);
        archive.ifPresent(classes -> command.addAll(classes.jvmOptions()));
        command.add("-D" + LAUNCHED + "=true");
        command.addAll(List.of("-cp", archive.map(ClassArchive::classPath).orElse(classPath), main.getName()));
        command.addAll(List.of(args));
        Process monitor = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // through its handle: Process.destroy would also close the pipe, and the monitor would halt rather than stop
        Signal.handle(new Signal("TERM"), signal -> monitor.toHandle().destroy());
        Signal.handle(new Signal("INT"), signal -> monitor.toHandle().destroy());
        // this JVM only waits from now on: a full collection lets it give back the heap its start-up committed
        System.gc();
        int exitCode = monitor.waitFor();
        archive.ifPresent(classes -> classes.monitorExited(exitCode));
        return exitCode;
    }

    /** In the monitor's JVM: halt when the launching JVM is gone (its pipe on standard input closes). */
    public static void haltWithLauncher() {
        if (System.getProperty(LAUNCHED) == null) {
            return;
        }
        Thread watch = new Thread(() -> {
            try (InputStream launcher = System.in) {
                while (launcher.read() != -1) {
                    // nothing is ever written; a read returns only when the pipe closes
                }
            } catch (IOException closed) {
                // closed as well
            }
            Runtime.getRuntime().halt(137); // as a SIGKILL of the monitor itself would end it
        }, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
