package org.symsweep.ml.loss;

import java.util.Arrays;
import java.util.Optional;

/** How the Symile loss builds negatives for each anchor (ml-spec.md sections 2.3 and 3.5). */
public enum Negatives {
    /** One shuffled tuple per column, N - 1 negatives per row. */
    N("n"),
    /** Every combination of the non-anchor modalities' rows, N^(M-1) - 1 negatives per row. */
    N_SQUARED("n_squared"),
    /** K other rows' target embeddings per row, drawn with replacement; the gate sees each pair. */
    PAIR("pair");

    private final String id;

    Negatives(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Negatives> fromId(String id) {
        return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst();
    }
}
