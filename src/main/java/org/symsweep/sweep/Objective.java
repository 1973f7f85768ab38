package org.symsweep.sweep;

import java.util.List;

/** The metric a sweep optimises and in which direction. */
public record Objective(String metric, boolean maximize) {
    public static final List<String> METRICS = List.of("test_top1", "val_top1", "val_loss", "train_loss");

    public static Objective defaultObjective() {
        return new Objective("test_top1", true);
    }

    /** The direction a metric has when the spec names none: losses are minimised, the rest maximised. */
    public static boolean maximizedByDefault(String metric) {
        return !metric.endsWith("loss");
    }

    /** The objective of a stored spec document (validated when it was posted), with the parser's defaults. */
    public static Objective ofStored(com.fasterxml.jackson.databind.JsonNode spec) {
        com.fasterxml.jackson.databind.JsonNode objective = spec.path("objective");
        String metric = objective.path("metric").asText(defaultObjective().metric());
        return new Objective(metric, objective.path("direction").asText(maximizedByDefault(metric) ? "maximize" : "minimize")
                .equals("maximize"));
    }
}
