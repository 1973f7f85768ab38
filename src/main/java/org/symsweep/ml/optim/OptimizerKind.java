package org.symsweep.ml.optim;

import java.util.Arrays;
import java.util.Optional;

public enum OptimizerKind {
    ADAMW("adamw"),
    SCHEDULE_FREE_ADAMW("schedule_free_adamw");

    private final String id;

    OptimizerKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<OptimizerKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
