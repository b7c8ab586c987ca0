/**
 * The `camel` command of camel-jbang without jbang: camel-jbang-core's entry point has no main method of its own (jbang
 * runs it from a script of the same shape), so scripts/camel compiles this and runs it on camel-jbang-core's classpath.
 */
public class CamelCli {

    public static void main(String... args) {
        org.apache.camel.dsl.jbang.core.commands.CamelJBangMain.run(args);
    }
}
