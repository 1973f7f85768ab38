package org.symsweep.sweep;

import java.util.List;

/** The metric a sweep optimises and in which direction. */
public record Objective(String metric, boolean maximize) {
    public static final List<String> METRICS = List.of("test_top1", "val_top1", "val_loss", "train_loss");

    public static Objective defaultObjective() {
        return new Objective("test_top1", true);
    }
}
