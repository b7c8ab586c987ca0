package io.dhm.store;

import java.util.Optional;
import java.util.UUID;

/** A fresh in-memory H2 database per call, as the unit tests' stand-in for the monitor's database file. */
public final class MemoryDatabase {

    private MemoryDatabase() {
    }

    public static Database create() {
        return new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", Optional.empty(), Optional.empty());
    }
}
