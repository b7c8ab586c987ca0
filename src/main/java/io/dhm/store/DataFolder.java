package io.dhm.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DATA_DIR, readable by the monitor's user only: its database holds alert bodies, container logs and webhook keys,
 * and its ack-link key signs acknowledgements. The folder is created (or tightened to) 0700, and the files in it
 * to 0600, so that neither what is there from an earlier run nor what the stores add later is open to other users.
 */
public final class DataFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {
    }

    /** Creates the folder if need be and makes it and everything in it the owner's alone. */
    public static void prepare(Path folder) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            Files.createDirectories(folder);
            return; // no POSIX modes on this file system: its own access control applies
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        }
        List<Path> opened;
        try (Stream<Path> all = Files.walk(folder)) {
            opened = all.filter(path -> !Files.isSymbolicLink(path)).filter(DataFolder::openToOthers).toList();
        }
        int tightened = 0;
        for (Path path : opened) {
            try {
                Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
                tightened++;
            } catch (IOException e) {
                // another user's file (a copy made as root, say): the monitor still runs, and says what stays open
                LOG.warn("Data folder {}: {} stays readable by others, its mode cannot be changed: {}", folder, path, e.toString());
            }
        }
        if (tightened > 0) {
            LOG.info("Data folder {}: {} files and folders made readable by the monitor's user only", folder, tightened);
        }
    }

    private static boolean openToOthers(Path path) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            return mode.stream().anyMatch(bit -> bit.name().startsWith("GROUP_") || bit.name().startsWith("OTHERS_"));
        } catch (IOException e) {
            return false; // gone meanwhile, or not ours: nothing to tighten
        }
    }
}
