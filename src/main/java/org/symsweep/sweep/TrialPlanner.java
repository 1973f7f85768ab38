package org.symsweep.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.symsweep.ml.Variant;
import org.symsweep.ml.train.HyperparameterCatalog;

/**
 * Expands a spec into its trials: for every variant, every configuration of the parameters that apply to
 * it (gate parameters only to Gated Symile, so a grid over four gate strengths does not run the ungated
 * variants four times), under every combination of conditions, with every seed. Seeds are the same for
 * every variant, so variants can be compared seed by seed.
 */
public final class TrialPlanner {
    private TrialPlanner() {
    }

    public static List<PlannedTrial> plan(SweepSpec spec) {
        List<Map<String, Object>> configurations = configurations(spec.search());
        List<Map<String, Object>> conditions = product(spec.conditions());
        List<PlannedTrial> trials = new ArrayList<>();
        for (Variant variant : spec.variants()) {
            for (Map<String, Object> config : applicable(configurations, variant)) {
                for (Map<String, Object> condition : conditions) {
                    for (long seed : spec.seeds()) {
                        trials.add(new PlannedTrial(variant, config, condition, seed));
                    }
                }
            }
        }
        return trials;
    }

    /** How many trials {@link #plan} makes, without making them (saturating at Long.MAX_VALUE). */
    public static long count(SweepSpec spec) {
        long perVariantFactor = Math.multiplyExact((long) product(spec.conditions()).size(), spec.seeds().size());
        long total = 0;
        boolean grid = spec.search().trials() == 0;
        List<Map<String, Object>> drawn = grid ? List.of() : configurations(spec.search());
        for (Variant variant : spec.variants()) {
            long configs;
            if (grid) {
                configs = 1;
                for (Map.Entry<String, Domain> entry : spec.search().space().entrySet()) {
                    if (applies(entry.getKey(), variant)) {
                        configs = saturatingMultiply(configs, ((Domain.Values) entry.getValue()).values().size());
                    }
                }
            } else {
                configs = applicable(drawn, variant).size();
            }
            long variantTrials = saturatingMultiply(configs, perVariantFactor);
            total = total > Long.MAX_VALUE - variantTrials ? Long.MAX_VALUE : total + variantTrials;
        }
        return total;
    }

    /** Full configurations over the whole space: the grid's product, or the random draws. */
    static List<Map<String, Object>> configurations(SearchSpec search) {
        if (search.trials() == 0) {
            Map<String, List<Object>> lists = new LinkedHashMap<>();
            search.space().forEach((name, domain) -> lists.put(name, ((Domain.Values) domain).values()));
            return product(lists);
        }
        SplittableRandom random = new SplittableRandom(search.samplerSeed());
        List<Map<String, Object>> draws = new ArrayList<>(search.trials());
        for (int i = 0; i < search.trials(); i++) {
            Map<String, Object> config = new LinkedHashMap<>();
            search.space().forEach((name, domain) -> config.put(name, domain.sample(random)));
            draws.add(config);
        }
        return draws;
    }

    /** The configurations restricted to the parameters that apply to the variant, without repeats. */
    private static Set<Map<String, Object>> applicable(List<Map<String, Object>> configurations, Variant variant) {
        Set<Map<String, Object>> restricted = new LinkedHashSet<>();
        for (Map<String, Object> config : configurations) {
            Map<String, Object> kept = new LinkedHashMap<>();
            config.forEach((name, value) -> {
                if (applies(name, variant)) {
                    kept.put(name, value);
                }
            });
            restricted.add(kept);
        }
        return restricted;
    }

    private static boolean applies(String name, Variant variant) {
        return HyperparameterCatalog.entry(name).map(e -> e.variants().contains(variant)).orElse(false);
    }

    /** Every combination of one value per key, in the keys' order; one empty combination for no keys. */
    private static <T> List<Map<String, Object>> product(Map<String, ? extends List<T>> lists) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, ? extends List<T>> axis : lists.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>(combinations.size() * axis.getValue().size());
            for (Map<String, Object> partial : combinations) {
                for (T value : axis.getValue()) {
                    Map<String, Object> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    private static long saturatingMultiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
