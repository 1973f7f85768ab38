package org.symsweep.orchestration;

import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.SweepSpecParser;

/**
 * Parsed specs of recently run sweeps, keyed by sweep and version: a sweep's trials all start from the
 * same spec, and an extension (a new version) is parsed again.
 */
final class SpecCache {
    private static final int SIZE = 64;

    private record Key(long sweepId, long version) {
    }

    private final Map<Key, SweepSpec> specs = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SweepSpec> eldest) {
            return size() > SIZE;
        }
    };

    /** The parsed spec of a sweep at a version; {@code document} reads the stored spec when it is not cached. */
    synchronized SweepSpec get(long sweepId, long version, Supplier<JsonNode> document) {
        return specs.computeIfAbsent(new Key(sweepId, version), key -> SweepSpecParser.parse(document.get()));
    }
}
