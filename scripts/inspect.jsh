// inspect.jsh - prints the running monitor's JMX view without a display: the io.dhm:type=Monitor attributes
// (pending confirmations, outbox, quarantines, ...) and each Camel route's state and counters.
//
// Usage, as the user that runs the monitor (the JDK's attach API starts its local JMX agent if needed):
//   PID=$(pgrep -f io.dhm.Main || pgrep -f docker-health-monitor.jar) jshell -q scripts/inspect.jsh
// or against a remote JMX port (-Dcom.sun.management.jmxremote.port=9010 ... on the monitor's JVM):
//   JMX_URL=service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi jshell -q scripts/inspect.jsh
import javax.management.*;
import javax.management.remote.*;

String url = System.getenv("JMX_URL");
if (url == null) url = com.sun.tools.attach.VirtualMachine.attach(System.getenv("PID")).startLocalManagementAgent();
MBeanServerConnection beans = JMXConnectorFactory.connect(new JMXServiceURL(url)).getMBeanServerConnection();

ObjectName monitor = new ObjectName("io.dhm:type=Monitor");
System.out.println(monitor);
for (MBeanAttributeInfo attribute : beans.getMBeanInfo(monitor).getAttributes()) {
    Object value = beans.getAttribute(monitor, attribute.getName());
    System.out.println("  " + attribute.getName() + " = " +
            (value instanceof String[] list ? java.util.Arrays.toString(list) : value));
}
System.out.println("Camel routes (org.apache.camel:type=routes): state, exchanges total / failed, mean ms");
for (ObjectName route : new java.util.TreeSet<>(beans.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null))) {
    AttributeList values = beans.getAttributes(route,
            new String[] {"RouteId", "State", "ExchangesTotal", "ExchangesFailed", "MeanProcessingTime"});
    System.out.println("  " + values.asList().stream().map(a -> String.valueOf(a.getValue()))
            .collect(java.util.stream.Collectors.joining("  ")));
}
/exit
