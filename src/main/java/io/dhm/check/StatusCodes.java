package io.dhm.check;

import java.util.function.IntPredicate;

/** The accepted HTTP codes of a check: "200", "200,204", "2xx", "200-299". */
final class StatusCodes {

    private StatusCodes() {
    }

    static IntPredicate parse(String spec) {
        IntPredicate accepted = code -> false;
        for (String part : spec.split(",")) {
            accepted = accepted.or(one(part.trim().toLowerCase()));
        }
        return accepted;
    }

    private static IntPredicate one(String part) {
        try {
            if (part.matches("[1-5]xx")) {
                int hundreds = part.charAt(0) - '0';
                return code -> code / 100 == hundreds;
            }
            int dash = part.indexOf('-');
            if (dash > 0) {
                int low = Integer.parseInt(part.substring(0, dash).trim());
                int high = Integer.parseInt(part.substring(dash + 1).trim());
                return code -> code >= low && code <= high;
            }
            int exact = Integer.parseInt(part);
            return code -> code == exact;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + part + "' is not an HTTP status (200), a range (200-299) or a class (2xx)");
        }
    }
}
