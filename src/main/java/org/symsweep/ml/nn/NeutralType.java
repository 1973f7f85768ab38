package org.symsweep.ml.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a down-weighted query modality is pulled toward (ml-spec.md section 3.3). */
public enum NeutralType {
    /** A random unit vector per modality, trained, re-normalised at every use (the default). */
    RANDOM_TRAINABLE,
    /** A random unit vector per modality, fixed. */
    RANDOM_FROZEN,
    /** The fixed vector (1, ..., 1) / sqrt(D). */
    ONES,
    /** No neutral: the modality is only scaled (g = w e) and not re-normalised, the "zero neutral" ablation. */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NeutralType> fromId(String id) {
        return Arrays.stream(values()).filter(n -> n.id().equals(id)).findFirst();
    }
}
