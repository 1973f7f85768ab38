package org.symsweep.ml;

import java.util.Arrays;
import java.util.Optional;

/** The three model variants; an axis of a sweep in its own right, never a hyperparameter to optimise. */
public enum Variant {
    CLIP("clip"),
    SYMILE("symile"),
    GATED_SYMILE("gated-symile");

    private final String id;

    Variant(String id) {
        this.id = id;
    }

    /** The name used in specs, the API and the database. */
    public String id() {
        return id;
    }

    public boolean gated() {
        return this == GATED_SYMILE;
    }

    public static Optional<Variant> fromId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    public static String allowedIds() {
        return String.join(", ", Arrays.stream(values()).map(Variant::id).toList());
    }
}
