package io.dhm.route;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextReloadStrategy;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * `camel cmd reload` (the Camel CLI's reload, which its connector hands to the context's reload strategy): every one
 * of the user's route files is reloaded as a save reloads it with ROUTES_RELOAD ({@link RouteReload}), whether
 * ROUTES_RELOAD is on or not. A file's routes replace the ones it defined; a file taken away takes its routes with it
 * (a bundled route it replaced comes back); a file refused leaves the routes of before running, with a WARN. The
 * bundled routes are not reloaded: they are the jar's.
 */
final class CliRouteReload extends ServiceSupport implements ContextReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(CliRouteReload.class);

    private final RouteFiles files;
    private CamelContext context;
    private int reloads;

    CliRouteReload(RouteFiles files) {
        this.files = files;
    }

    @Override
    public void onReload(Object source) {
        LOG.info("Routes: reloading every file of {} ({})", files.userDir(), source);
        RouteReload reload = new RouteReload(context, files);
        Set<String> gone = new LinkedHashSet<>(files.userFileIds().keySet());
        try {
            for (Resource file : files.userFiles(context)) {
                if (!files.isBundledCopy(file)) {
                    gone.remove(file.getLocation());
                    reload.reload(file);
                }
            }
        } catch (Exception e) {
            LOG.warn("Routes: {} cannot be read; the routes of before keep running: {}", files.userDir(), e.toString());
            return;
        }
        gone.forEach(location -> reload.reload(PluginHelper.getResourceLoader(context).resolveResource(location)));
        reloads++;
    }

    @Override
    public int getReloadCounter() {
        return reloads;
    }

    /** A refused file is RouteReload's WARN, per file; the reload as a whole goes on with the other files. */
    @Override
    public int getFailedCounter() {
        return 0;
    }

    @Override
    public void resetCounters() {
        reloads = 0;
    }

    @Override
    public Exception getLastError() {
        return null;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }
}
