package org.symsweep.sweep;

import java.util.Arrays;
import java.util.Optional;

/** How a sweep picks configurations from its search space. */
public enum SearchStrategy {
    GRID("grid"),
    RANDOM("random"),
    SUCCESSIVE_HALVING("successive-halving");

    private final String id;

    SearchStrategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<SearchStrategy> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
