package org.symsweep.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The questions a sweep ends with, answered from its per-seed results: which configuration of each variant is
 * best under each condition (with the ones tied with it), and whether one variant beats another, condition by
 * condition, paired by seed, with Holm's correction across the conditions and the robustness along them.
 */
public final class SweepAnalysis {
    private SweepAnalysis() {
    }

    /** One variant under one condition: its configurations ranked, the best first. */
    public record Group(String variant, Map<String, Object> condition, List<Selection.Ranked> ranked) {
        public Selection.Ranked best() {
            return ranked.get(0);
        }

        public List<Selection.Ranked> tied() {
            return Selection.tied(ranked);
        }
    }

    /** Ranks every (variant, condition) group, ordered by variant then condition value. */
    public static List<Group> select(List<ConfigResult> results, double confidence, boolean maximize) {
        Map<String, List<ConfigResult>> byGroup = results.stream().collect(Collectors.groupingBy(
                r -> r.variant() + "|" + conditionKey(r.condition()), LinkedHashMap::new, Collectors.toList()));
        List<Group> groups = new ArrayList<>();
        for (List<ConfigResult> group : byGroup.values()) {
            ConfigResult first = group.get(0);
            groups.add(new Group(first.variant(), first.condition(), Selection.rank(group, confidence, maximize)));
        }
        groups.sort(Comparator.comparing(Group::variant).thenComparingDouble(g -> conditionValue(g.condition())));
        return groups;
    }

    /** The comparison of b against a under one condition, each with its best configuration there. */
    /** {@code holmP} adjusts the paired t-tests' p-values, {@code wilcoxonHolmP} the signed-rank tests', across conditions. */
    public record ConditionComparison(Map<String, Object> condition, Selection.Ranked a, Selection.Ranked b, PairedComparison paired,
                                      double holmP, double wilcoxonHolmP, String verdict) {
    }

    public record Comparison(String a, String b, List<ConditionComparison> conditions, Robustness.Area areaA, Robustness.Area areaB,
                             OptionalDouble crossing) {
    }

    /**
     * Compares variant b with variant a. Under each condition both arms use their best configuration by the
     * pessimistic bound; seeds pair the two. {@code names} gives the variants' display names.
     */
    public static Comparison compare(List<ConfigResult> results, String a, String b, double confidence, boolean maximize,
                                     String metric, Map<String, String> names) {
        List<Group> groups = select(results, confidence, maximize);
        Map<String, Group> aGroups = new TreeMap<>();
        Map<String, Group> bGroups = new TreeMap<>();
        for (Group g : groups) {
            if (g.variant().equals(a)) {
                aGroups.put(conditionKey(g.condition()), g);
            } else if (g.variant().equals(b)) {
                bGroups.put(conditionKey(g.condition()), g);
            }
        }
        List<Group> shared = aGroups.keySet().stream().filter(bGroups::containsKey).map(aGroups::get)
                .sorted(Comparator.comparingDouble(g -> conditionValue(g.condition()))).toList();
        List<PairedComparison> paired = new ArrayList<>();
        for (Group g : shared) {
            Group other = bGroups.get(conditionKey(g.condition()));
            paired.add(PairedComparison.of(g.best().config().bySeed(), other.best().config().bySeed(), confidence,
                    conditionKey(g.condition()).hashCode()));
        }
        double[] holm = Holm.adjust(paired.stream().mapToDouble(PairedComparison::tTestP).toArray());
        double[] wilcoxonHolm = Holm.adjust(paired.stream().mapToDouble(PairedComparison::wilcoxonP).toArray());
        List<ConditionComparison> rows = new ArrayList<>();
        TreeMap<Double, Map<Long, Double>> curveA = new TreeMap<>();
        TreeMap<Double, Map<Long, Double>> curveB = new TreeMap<>();
        for (int i = 0; i < shared.size(); i++) {
            Group g = shared.get(i);
            Group other = bGroups.get(conditionKey(g.condition()));
            String verdict = Verdict.of(names.getOrDefault(a, a), names.getOrDefault(b, b), paired.get(i), holm[i], confidence, metric,
                    maximize, conditionLabel(g.condition()));
            rows.add(new ConditionComparison(g.condition(), g.best(), other.best(), paired.get(i), holm[i], wilcoxonHolm[i], verdict));
            if (!g.condition().isEmpty()) {
                curveA.put(conditionValue(g.condition()), g.best().config().bySeed());
                curveB.put(conditionValue(g.condition()), other.best().config().bySeed());
            }
        }
        double[] x = curveA.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] meansA = curveA.values().stream().mapToDouble(m -> m.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toArray();
        double[] meansB = curveB.values().stream().mapToDouble(m -> m.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toArray();
        return new Comparison(a, b, rows, Robustness.area(curveA, confidence), Robustness.area(curveB, confidence),
                Robustness.crossing(x, meansA, meansB));
    }

    /** "misalignment = 0.5"; empty for no condition. */
    public static String conditionLabel(Map<String, Object> condition) {
        return condition.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String conditionKey(Map<String, Object> condition) {
        return new TreeMap<>(condition).toString();
    }

    private static double conditionValue(Map<String, Object> condition) {
        return condition.values().stream().findFirst().map(v -> ((Number) v).doubleValue()).orElse(0.0);
    }
}
