package io.dhm.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A container's identity as the stores keep it, whatever its labels hold: a key longer than {@link #MAX_LENGTH} keeps
 * its readable start and ends with a digest of the whole, so two long keys that share a start stay apart and every
 * store's key column (the narrowest is 255 characters) takes it.
 */
public final class StoredKey {

    /** Within every key column of the monitor's and a pair's database. */
    public static final int MAX_LENGTH = 200;
    /** The readable start: the rest of the limit goes to "~" and a digest of 32 hex digits. */
    private static final int KEPT = MAX_LENGTH - 33;

    private StoredKey() {
    }

    public static String of(String key) {
        if (key.length() <= MAX_LENGTH) {
            return key;
        }
        int end = Character.isHighSurrogate(key.charAt(KEPT - 1)) ? KEPT - 1 : KEPT;
        return key.substring(0, end) + "~" + digest(key);
    }

    private static String digest(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
