package io.dhm.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monitor's database (DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD): an H2 file in DATA_DIR by default, or a
 * PostgreSQL server, which the two instances of a pair share. OUTBOX_JDBC_URL, _USER and _PASSWORD, the names from when
 * the database held the outbox only, are still read, each on its own: an older name given alone works as it always
 * did; given beside its new name, the new one wins and a warning says so once.
 *
 * @param url         the JDBC URL
 * @param urlVariable the variable that gave the URL, DATABASE_URL or OUTBOX_JDBC_URL, which messages about it name
 */
public record DatabaseSettings(String url, Optional<String> user, Optional<String> password, String urlVariable) {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSettings.class);
    /** The older names already warned about: the settings are read again at each change, the warning is said once. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    static DatabaseSettings read(Properties properties, Path dataDir) {
        PropertyReader p = new PropertyReader(properties);
        String urlKey = chosen(p, "database.url", "outbox.jdbc.url");
        // WRITE_DELAY=0: H2 writes each commit at once (by default up to half a second later), so an alert stored
        // just before a SIGKILL or a crash is still there when the monitor starts again
        String url = p.optional(urlKey)
                .orElse("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("outbox") + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
        if (!url.startsWith("jdbc:")) {
            throw PropertyReader.invalid(urlKey, "'" + url + "' is not a JDBC URL (jdbc:h2:..., jdbc:postgresql://...)");
        }
        return new DatabaseSettings(url, p.optional(chosen(p, "database.user", "outbox.jdbc.user")),
                p.optional(chosen(p, "database.password", "outbox.jdbc.password")), SettingSources.variableName(urlKey));
    }

    /** The key to read: the new one unless only the older one is given. */
    private static String chosen(PropertyReader p, String key, String olderKey) {
        if (!p.setByUser(olderKey)) {
            return key;
        }
        if (!p.setByUser(key)) {
            return olderKey;
        }
        if (WARNED.add(olderKey)) {
            LOG.warn("{} and {} are both set: {} is used, {} (its older name) is ignored", SettingSources.variableName(key),
                    SettingSources.variableName(olderKey), SettingSources.variableName(key),
                    SettingSources.variableName(olderKey));
        }
        return key;
    }

    /** The URL as the start-up summary shows it, without a password it may carry. */
    @Override
    public String toString() {
        return "database=" + url.replaceAll("password=[^;&]*", "password=***");
    }
}
