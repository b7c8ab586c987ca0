package io.dhm.confirm;

import io.dhm.store.StorageFailures;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.RecoverableAggregationRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The pending waits in the monitor's database, kept going while its data folder refuses writes. A new or changed wait
 * that cannot be stored fails, and the confirm route retries it from memory. A wait that ended (removed, then confirmed
 * once its alert is dispatched) cannot fail there: the aggregator's timeout checker would drop it. So those two writes
 * are put off instead, and done when the folder takes writes again; meanwhile this repository answers as if they had
 * been done. After a restart in between, an ended wait not yet removed ends again: its alert is the same alert (its id
 * comes from the confirmation), so nothing is sent twice.
 */
public class StoredWaits extends ServiceSupport implements RecoverableAggregationRepository {

    private static final Logger LOG = LoggerFactory.getLogger(StoredWaits.class);

    private final RecoverableAggregationRepository database;
    private final Map<String, Exchange> removalsDue = new ConcurrentHashMap<>();
    private final Set<String> confirmationsDue = ConcurrentHashMap.newKeySet();
    private volatile CamelContext context;

    public StoredWaits(RecoverableAggregationRepository database) {
        this.database = database;
    }

    @Override
    public Exchange add(CamelContext camelContext, String key, Exchange exchange) {
        context = camelContext;
        if (removalsDue.containsKey(key)) {
            remove(key); // a new wait for a container whose last one ended unstored: that ending first
        }
        return database.add(camelContext, key, exchange);
    }

    @Override
    public Exchange get(CamelContext camelContext, String key) {
        return removalsDue.containsKey(key) ? null : database.get(camelContext, key);
    }

    @Override
    public void remove(CamelContext camelContext, String key, Exchange exchange) {
        context = camelContext;
        try {
            database.remove(camelContext, key, exchange);
        } catch (RuntimeException e) {
            putOff(e, "the end of the wait of " + key);
            removalsDue.put(key, exchange);
        }
    }

    @Override
    public void confirm(CamelContext camelContext, String exchangeId) {
        confirmWithResult(camelContext, exchangeId);
    }

    @Override
    public boolean confirmWithResult(CamelContext camelContext, String exchangeId) {
        context = camelContext;
        try {
            return database.confirmWithResult(camelContext, exchangeId);
        } catch (RuntimeException e) {
            putOff(e, "the dispatch of " + exchangeId);
            confirmationsDue.add(exchangeId);
            return true;
        }
    }

    @Override
    public Set<String> getKeys() {
        Set<String> keys = new LinkedHashSet<>(database.getKeys());
        keys.removeAll(removalsDue.keySet());
        return keys;
    }

    @Override
    public Set<String> scan(CamelContext camelContext) {
        return database.scan(camelContext).stream().filter(id -> !confirmationsDue.contains(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public Exchange recover(CamelContext camelContext, String exchangeId) {
        return database.recover(camelContext, exchangeId);
    }

    /**
     * Stores what was put off, in order (an ended wait is removed before its dispatch is confirmed); what the folder
     * still refuses stays due.
     */
    public synchronized void writeDue() {
        if (context == null || removalsDue.isEmpty() && confirmationsDue.isEmpty()) {
            return;
        }
        int written = 0;
        try {
            for (String key : new LinkedHashMap<>(removalsDue).keySet()) {
                remove(key);
                written++;
            }
            for (String exchangeId : Set.copyOf(confirmationsDue)) {
                database.confirmWithResult(context, exchangeId);
                confirmationsDue.remove(exchangeId);
                written++;
            }
        } catch (RuntimeException e) {
            LOG.debug("Pending waits: still cannot store what was put off: {}", e.getMessage());
        }
        if (written > 0) {
            LOG.info("Pending waits: {} ended waits stored now that the data folder takes writes", written);
        }
    }

    /** The ends of waits not yet stored, and the dispatches not yet confirmed (for the tests). */
    public int dueWrites() {
        return removalsDue.size() + confirmationsDue.size();
    }

    private void remove(String key) {
        Exchange ended = removalsDue.get(key);
        if (ended != null) {
            database.remove(context, key, ended);
            removalsDue.remove(key);
        }
    }

    private static void putOff(RuntimeException failure, String what) {
        if (!StorageFailures.isStorageFailure(failure)) {
            throw failure;
        }
        LOG.warn("Pending waits: {} is kept in memory until the data folder takes writes again ({})", what,
                StorageFailures.reason(failure));
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(database);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(database);
    }

    // the redelivery settings the aggregator reads are the database repository's
    @Override
    public void setRecoveryInterval(long interval, TimeUnit timeUnit) {
        database.setRecoveryInterval(interval, timeUnit);
    }

    @Override
    public void setRecoveryInterval(long interval) {
        database.setRecoveryInterval(interval);
    }

    @Override
    public long getRecoveryInterval() {
        return database.getRecoveryInterval();
    }

    @Override
    public void setUseRecovery(boolean useRecovery) {
        database.setUseRecovery(useRecovery);
    }

    @Override
    public boolean isUseRecovery() {
        return database.isUseRecovery();
    }

    @Override
    public void setDeadLetterUri(String deadLetterUri) {
        database.setDeadLetterUri(deadLetterUri);
    }

    @Override
    public String getDeadLetterUri() {
        return database.getDeadLetterUri();
    }

    @Override
    public void setMaximumRedeliveries(int maximumRedeliveries) {
        database.setMaximumRedeliveries(maximumRedeliveries);
    }

    @Override
    public int getMaximumRedeliveries() {
        return database.getMaximumRedeliveries();
    }
}
