package org.symsweep.ml.train;

import java.util.Arrays;
import java.util.Optional;

/** Which epoch's weights a trial reports: the one with the lowest validation loss or the best validation top-1. */
public enum Selection {
    MIN_VAL_LOSS("min_val_loss"),
    MAX_VAL_TOP1("max_val_top1");

    private final String id;

    Selection(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Selection> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    boolean improves(EpochMetrics candidate, EpochMetrics best) {
        if (best == null) {
            return true;
        }
        return this == MIN_VAL_LOSS ? candidate.validationLoss() < best.validationLoss()
                : candidate.validationTop1() > best.validationTop1();
    }
}
