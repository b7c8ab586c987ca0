import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run by the build before the jar is made (pom.xml, prepare-package): log4j2 finds its plugins in one cache file per
 * jar, and the self-contained jar can hold only one. This writes the monitor's own cache (its %maskSecrets converter,
 * made by log4j2's annotation processor) anew with log4j2's plugins added, every cache on the classpath merged, so that
 * the shaded jar, which keeps the monitor's copy, still has them all.
 */
public class MergeLog4jPluginCaches {

    public static void main(String[] args) throws IOException {
        PluginCache merged = new PluginCache();
        ClassLoader classpath = MergeLog4jPluginCaches.class.getClassLoader();
        merged.loadCacheFiles(classpath.getResources(PluginProcessor.PLUGIN_CACHE_FILE));
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            merged.writeCache(out);
        }
        int plugins = merged.getAllCategories().values().stream().mapToInt(Map::size).sum();
        System.out.println("log4j2 plugin caches merged into " + args[0] + ": " + plugins + " plugins");
    }
}
