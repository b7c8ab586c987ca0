package io.dhm.route;

/** A route file the monitor cannot run with: names the file and, where there is one, the route id. */
public class InvalidRoutesException extends RuntimeException {

    public InvalidRoutesException(String file, String routeId, String problem) {
        super(file + (routeId == null ? "" : ", route " + routeId) + ": " + problem);
    }

    /** A failure's message with its root cause's, which is where Camel's loaders say what is wrong with a file. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
    }
}
