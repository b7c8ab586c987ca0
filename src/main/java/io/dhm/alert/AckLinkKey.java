package io.dhm.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key that signs the acknowledge links: ACK_LINK_SECRET when it is set, else a random key generated once and
 * kept in DATA_DIR (readable by the monitor's user only), so that the links of mails already sent survive a restart.
 */
public final class AckLinkKey {

    static final String FILE = "ack-link.key";
    private static final int KEY_BYTES = 32;

    private AckLinkKey() {
    }

    public static byte[] of(Optional<String> secret, Path dataDir) {
        if (secret.isPresent()) {
            return secret.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the acknowledge link key " + file
                    + " (DATA_DIR; or set ACK_LINK_SECRET)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the acknowledge link key " + file + " is not hex: delete it for a new one"
                    + " (links already sent stop working) or set ACK_LINK_SECRET", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            // created owner-only from the start: never readable by others, not even for a moment
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, HexFormat.of().formatHex(key), StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // another start made it first: its key is the one to use
        }
    }
}
