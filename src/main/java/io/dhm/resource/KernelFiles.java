package io.dhm.resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the small text files of the kernel ({@code /sys/fs/cgroup}, {@code /proc}) and their formats: whitespace
 * fields and {@code name value} lines, without regular expressions or per-file arrays (a thousand containers are read
 * every STATS_INTERVAL_SEC).
 */
final class KernelFiles {

    private final byte[] buffer = new byte[64 * 1024];

    static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    long number(Path file) throws IOException {
        return Long.parseLong(text(file).trim());
    }

    /** A file that a kernel without that controller (pids on an old v1 host) does not have: 0. */
    long numberOrZero(Path file) throws IOException {
        try {
            return number(file);
        } catch (NoSuchFileException absent) {
            return 0;
        }
    }

    /**
     * The whole of a small kernel file, decoded as Latin-1. These files are ASCII, and a reading takes some ten of them
     * per container, a thousand containers every STATS_INTERVAL_SEC: one buffer serves them all (a kernel file claims
     * 4 KB whatever it holds, so reading each into a new array would be most of the monitor's garbage), and
     * no line list or charset decoder.
     */
    synchronized String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int length = in.readNBytes(buffer, 0, buffer.length);
            if (length == buffer.length && in.read() != -1) {
                throw new IOException(file + " is larger than " + buffer.length + " bytes");
            }
            return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** The whitespace-separated fields of a text, one after another, without a regular expression or an array. */
    static final class Fields {
        private final String text;
        private int start;
        private int end;

        Fields(String text) {
            this.text = text;
        }

        boolean next() {
            start = end;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            return end > start;
        }

        String current() {
            return text.substring(start, end);
        }
    }

    /** Lines {@code name value}, as cpu.stat and memory.stat have them. */
    static final class Keyed {

        /** The value of the line {@code name value}, or {@code absent} when the file has no such line. */
        static long value(String text, String name, long absent) {
            int at = text.startsWith(name + " ") ? 0 : text.indexOf("\n" + name + " ");
            if (at < 0) {
                return absent;
            }
            int start = text.indexOf(' ', at + 1) + 1;
            int end = text.indexOf('\n', start);
            return Long.parseLong(text.substring(start, end < 0 ? text.length() : end).trim());
        }

        /** A counter that must be there: a file without it is a layout this class does not know, not a zero. */
        static long required(String text, String name, String file) throws IOException {
            long value = value(text, name, -1);
            if (value < 0) {
                throw new IOException(file + " has no " + name);
            }
            return value;
        }
    }
}
