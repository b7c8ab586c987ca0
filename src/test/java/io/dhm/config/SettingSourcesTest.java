package io.dhm.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingSourcesTest {

    @TempDir
    Path workDir;

    private void write(String name, String content) throws IOException {
        Files.writeString(workDir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void aSettingMayComeFromAFileAsDockerSecretsGiveThem() throws IOException {
        write("smtp_pass", "s3cret-from-a-secret\n");
        Properties p = SettingSources.load(workDir, Map.of("SMTP_PASS_FILE", workDir.resolve("smtp_pass").toString()));
        assertEquals("s3cret-from-a-secret", p.getProperty("smtp.pass"));

        Properties direct = SettingSources.load(workDir, Map.of("SMTP_PASS", "given",
                "SMTP_PASS_FILE", workDir.resolve("smtp_pass").toString()));
        assertEquals("given", direct.getProperty("smtp.pass"), "the variable itself wins");

        InvalidSettingException missing = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                () -> SettingSources.load(workDir, Map.of("SMTP_PASS_FILE", "/run/secrets/nowhere")));
        assertEquals("SMTP_PASS_FILE: '/run/secrets/nowhere' cannot be read (NoSuchFileException): mount the secret"
                + " there, or give the setting itself", missing.getMessage());
    }

    @Test
    void bundledDefaultsArePresent() {
        Properties p = SettingSources.load(workDir, Map.of());
        assertEquals("587", p.getProperty("smtp.port"));
        assertEquals("Production", p.getProperty("server.name"));
        assertEquals("30", p.getProperty("health.check.interval.sec"));
        assertEquals("15", p.getProperty("wait.and.check.again.min"));
        assertEquals("50", p.getProperty("health.check.log.lines"));
        assertEquals("unix:///var/run/docker.sock", p.getProperty("docker.host"));
        assertEquals("", p.getProperty("smtp.host"));
    }

    @Test
    void bundledDefaultsMakeValidSettings() {
        Settings s = Settings.from(SettingSources.load(workDir, Map.of()));
        assertEquals(587, s.smtpPort());
        assertEquals("Production", s.serverName());
        assertFalse(s.smtpConfigured());
    }

    @Test
    void theOlderCooldownNameCountsWhenTheNewOneIsNotSet() throws IOException {
        write(".env", "ALERT_COOLDOWN=120\n");
        assertEquals(java.time.Duration.ofSeconds(120),
                Settings.from(SettingSources.load(workDir, Map.of())).delivery().cooldown());
        assertEquals(java.time.Duration.ofSeconds(60),
                Settings.from(SettingSources.load(workDir, Map.of("ALERT_COOLDOWN_SEC", "60"))).delivery().cooldown());
    }

    @Test
    void anEmptySettingTakesItsBundledDefault() {
        Settings s = Settings.from(SettingSources.load(workDir, Map.of("SMTP_PORT", "", "SERVER_NAME", " ")));
        assertEquals(587, s.smtpPort());
        assertEquals("Production", s.serverName());
    }

    @Test
    void aKeyTheBundledFileDoesNotDeclareIsAProgrammingError() {
        PropertyReader reader = new PropertyReader(new Properties());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.optional("no.such.key"));
        assertTrue(e.getMessage().contains("no.such.key"), e.getMessage());
    }

    @Test
    void workingDirPropertiesOverrideBundled() throws IOException {
        write("application.properties", "smtp.port=2526\nserver.name=Local\n");
        Properties p = SettingSources.load(workDir, Map.of());
        assertEquals("2526", p.getProperty("smtp.port"));
        assertEquals("Local", p.getProperty("server.name"));
        assertEquals("30", p.getProperty("health.check.interval.sec"), "keys it does not set keep the bundled value");
    }

    @Test
    void dotenvOverridesWorkingDirProperties() throws IOException {
        write("application.properties", "smtp.port=2526\nserver.name=Local\n");
        write(".env", "SMTP_PORT=2525\n");
        Properties p = SettingSources.load(workDir, Map.of());
        assertEquals("2525", p.getProperty("smtp.port"));
        assertEquals("Local", p.getProperty("server.name"), "keys the .env does not set keep the properties value");
    }

    @Test
    void dotenvClassicFormat() throws IOException {
        write(".env", """
                # Docker Health Monitor settings
                SMTP_PORT=2525 # the classic port

                SERVER_NAME="Staging Box"
                HEALTH_CHECK_ALERT_EMAILS="ops@example.com,dev@example.com"
                # WAIT_AND_CHECK_AGAIN_MIN=99
                CONTAINER_ALERT_ROUTING=passage-plan:maritime@example.com;vessel-cert:compliance@example.com
                """);
        Properties p = SettingSources.load(workDir, Map.of());
        assertEquals("2525", p.getProperty("smtp.port"));
        assertEquals("Staging Box", p.getProperty("server.name"));
        assertEquals("ops@example.com,dev@example.com", p.getProperty("health.check.alert.emails"));
        assertEquals("15", p.getProperty("wait.and.check.again.min"), "a commented-out line is not a setting");
        assertEquals("passage-plan:maritime@example.com;vessel-cert:compliance@example.com",
                p.getProperty("container.alert.routing"));
        Settings s = Settings.from(p);
        assertEquals(2525, s.smtpPort());
        assertEquals(List.of("maritime@example.com"), s.routing().recipientsFor("passage-plan-api-1", null));
    }

    @Test
    void environmentOverridesEverything() throws IOException {
        write("application.properties", "smtp.port=2526\n");
        write(".env", "SMTP_PORT=2525\nSERVER_NAME=FromDotenv\n");
        Properties p = SettingSources.load(workDir, Map.of("SMTP_PORT", "465", "HEALTH_CHECK_LOG_LINES", "10"));
        assertEquals("465", p.getProperty("smtp.port"));
        assertEquals("10", p.getProperty("health.check.log.lines"));
        assertEquals("FromDotenv", p.getProperty("server.name"));
    }

    @Test
    void environmentOverridesBundledWithoutFiles() {
        Properties p = SettingSources.load(workDir, Map.of("SERVER_NAME", "Env Server"));
        assertEquals("Env Server", p.getProperty("server.name"));
        assertEquals("587", p.getProperty("smtp.port"));
    }

    @Test
    void unrelatedEnvironmentVariablesAreNotSettings() {
        Properties p = SettingSources.load(workDir, Map.of("PATH", "/usr/bin", "SOME_RANDOM_VAR", "x"));
        assertNull(p.getProperty("path"));
        assertNull(p.getProperty("some.random.var"));
    }

    @Test
    void dotenvValuesAreReadAsClassicUsersWriteThem() throws IOException {
        write(".env", """
                export SERVER_NAME='Single Quoted'
                SMTP_PASS=abc#123
                SMTP_USER=me@example.com   # trailing comment after whitespace
                SENDER_EMAIL="alerts@example.com" # comment after quotes
                """);
        Properties p = SettingSources.load(workDir, Map.of());
        assertEquals("Single Quoted", p.getProperty("server.name"));
        assertEquals("abc#123", p.getProperty("smtp.pass"), "a # inside a value is part of it");
        assertEquals("me@example.com", p.getProperty("smtp.user"));
        assertEquals("alerts@example.com", p.getProperty("sender.email"));
    }

    @Test
    void unterminatedQuoteInDotenvNamesLineAndKey() throws IOException {
        write(".env", "SMTP_PORT=2525\nSMTP_PASS=\"unterminated\n");
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingSources.load(workDir, Map.of()));
        assertEquals(".env: line 2 (SMTP_PASS) has no closing \"", e.getMessage());
    }

    @Test
    void malformedDotenvNamesTheFile() throws IOException {
        write(".env", "SMTP_PORT=2525\nthis line is not a setting\n");
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingSources.load(workDir, Map.of()));
        assertEquals(".env: line 2 is not KEY=value: this line is not a setting", e.getMessage());
    }

    @Test
    void variableNameMapping() {
        assertEquals("SMTP_HOST", SettingSources.variableName("smtp.host"));
        assertEquals("HEALTH_CHECK_INTERVAL_SEC", SettingSources.variableName("health.check.interval.sec"));
        assertEquals("smtp.host", SettingSources.propertyKey("SMTP_HOST"));
    }

    @Test
    void aDotEnvThatIsAFolderOrALinkToNothingStopsStartUpNamingIt() throws IOException {
        Files.createSymbolicLink(workDir.resolve(".env"), workDir.resolve("moved-away.env"));
        InvalidSettingException dangling = assertThrows(InvalidSettingException.class,
                () -> SettingSources.load(workDir, Map.of()));
        assertTrue(dangling.getMessage().startsWith(".env: ") && dangling.getMessage().contains("is a link to nothing")
                && dangling.getMessage().contains("moved-away.env"), dangling.getMessage());

        Files.delete(workDir.resolve(".env"));
        Files.createDirectory(workDir.resolve(".env"));
        InvalidSettingException folder = assertThrows(InvalidSettingException.class,
                () -> SettingSources.load(workDir, Map.of()));
        assertTrue(folder.getMessage().contains("is not a file"), folder.getMessage());

        Files.delete(workDir.resolve(".env"));
        assertDoesNotThrow(() -> SettingSources.load(workDir, Map.of()), "no .env is fine");
    }
}
