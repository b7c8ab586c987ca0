package io.dhm.kamelet;

/**
 * The bean of one use of a Kamelet (a template bean: Camel makes one for each route it makes from the Kamelet), told
 * two ids by the Kamelet: the id Camel gives that route (Camel's routeId parameter, the part after the slash of
 * kamelet:name/id, else one of Camel's making) and the id of the route that uses the Kamelet (Camel's parentRouteId).
 *
 * <p>Camel 4.14 to 4.17 give a Kamelet's route the id it is asked for even when the calling route has it: the
 * Kamelet's route then replaces the caller's, and the start fails later with a NullPointerException that names
 * neither. The bean refuses that id first, naming the Kamelet and the route.
 */
public abstract class KameletInstance {

    private String routeId = "";
    private String callerRouteId = "";

    /** Camel's routeId parameter of this use. */
    public void setRouteId(String routeId) {
        this.routeId = routeId == null ? "" : routeId.trim();
    }

    /** The id of the route that uses the Kamelet; empty when no route does (a call from Java). */
    public void setCallerRouteId(String callerRouteId) {
        this.callerRouteId = callerRouteId == null ? "" : callerRouteId.trim();
    }

    /**
     * Called by the bean's init method, when Camel has set both ids. {@code role} ends the route id it suggests
     * instead ("confirm": docker-alerts-confirm).
     */
    protected void checkRouteId(String kamelet, String role) {
        if (!routeId.isEmpty() && routeId.equals(callerRouteId)) {
            throw new IllegalArgumentException(kamelet + ": route " + callerRouteId + " uses the Kamelet with the route id "
                    + routeId + " (kamelet:" + kamelet + "/" + routeId + "), its own id: Camel would replace route "
                    + callerRouteId + " with the Kamelet's route. Give the Kamelet a route id of its own, e.g. kamelet:"
                    + kamelet + "/" + routeId + "-" + role);
        }
    }
}
