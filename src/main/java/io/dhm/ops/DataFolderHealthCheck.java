package io.dhm.ops;

import io.dhm.store.DataFolderSpace;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness "data-folder": DOWN while DATA_DIR cannot take the monitor's writes (full, read-only, refusing them),
 * naming the folder and its free space, as route data-folder-space last found it (every 5 s, and at a refused write). Not liveness: the monitor keeps watching, and keeps its alerts in memory.
 */
public class DataFolderHealthCheck extends AbstractHealthCheck {

    private final DataFolderSpace space;

    public DataFolderHealthCheck(DataFolderSpace space) {
        super("dhm", "data-folder");
        this.space = space;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("data.folder", space.folder().toString());
        builder.detail("data.folder.free.bytes", space.usable());
        space.problem().ifPresentOrElse(
                problem -> builder.down().message("data folder " + space.folder() + ": " + problem
                        + ": alerts are kept in memory until it can store them"),
                builder::up);
    }
}
