package org.symsweep.access;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A map that holds at most {@code capacity} entries, dropping the least recently used first, and treats
 * an entry past its expiry as absent (expired ones at the old end are swept out on every write). Not
 * thread-safe: its owner synchronizes.
 */
final class RecentEntries<V extends RecentEntries.Expiring> {
    interface Expiring {
        boolean expired(long now);
    }

    private static final int SWEEP_PER_WRITE = 8;
    private final LinkedHashMap<String, V> entries;

    RecentEntries(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The live entry for the key, or null. */
    V get(String key, long now) {
        V value = entries.get(key);
        if (value != null && value.expired(now)) {
            entries.remove(key);
            return null;
        }
        return value;
    }

    /** The live entry for the key, made anew when absent or expired. */
    V getOrCreate(String key, long now, Supplier<V> create) {
        V value = get(key, now);
        if (value == null) {
            sweep(now);
            value = create.get();
            entries.put(key, value);
        }
        return value;
    }

    void remove(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private void sweep(long now) {
        Iterator<V> oldest = entries.values().iterator();
        for (int i = 0; i < SWEEP_PER_WRITE && oldest.hasNext(); i++) {
            if (oldest.next().expired(now)) {
                oldest.remove();
            } else {
                return;
            }
        }
    }
}
