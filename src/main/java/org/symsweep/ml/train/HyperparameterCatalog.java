package org.symsweep.ml.train;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.symsweep.ml.Variant;
import org.symsweep.ml.loss.Negatives;
import org.symsweep.ml.nn.GateConfig;
import org.symsweep.ml.nn.GateMode;
import org.symsweep.ml.nn.GateType;
import org.symsweep.ml.nn.NeutralType;
import org.symsweep.ml.optim.OptimizerConfig;
import org.symsweep.ml.optim.OptimizerKind;

/**
 * The hyperparameters a sweep may set, by name, with their types and allowed ranges. Names starting with
 * {@code gate.} apply only to the gated variant.
 */
public final class HyperparameterCatalog {
    /**
     * One settable hyperparameter. {@code apply} returns the changed hyperparameters; {@code numeric} says
     * whether ranges (uniform, log-uniform, int-range) make sense for it.
     */
    public record Entry(String name, String allowed, boolean gateOnly,
                        Function<Object, Optional<Object>> parse,
                        BiFunction<Hyperparameters, Object, Hyperparameters> apply,
                        Kind kind) {

        /** The variants whose training this parameter changes; a sweep crosses it with those only. */
        public java.util.Set<Variant> variants() {
            if (gateOnly) {
                return java.util.EnumSet.of(Variant.GATED_SYMILE);
            }
            if (SYMILE_ONLY.contains(name)) {
                return java.util.EnumSet.of(Variant.SYMILE, Variant.GATED_SYMILE);
            }
            if (CLIP_ONLY.contains(name)) {
                return java.util.EnumSet.of(Variant.CLIP);
            }
            return java.util.EnumSet.allOf(Variant.class);
        }
    }

    /** What values a parameter takes. */
    public enum Kind {
        INTEGER,
        REAL,
        BOOLEAN,
        CHOICE
    }

    private static final java.util.Set<String> SYMILE_ONLY = java.util.Set.of("negatives_mode", "negatives", "variance_scaling");
    private static final java.util.Set<String> CLIP_ONLY = java.util.Set.of("clip.average_pairs");

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        integer("embedding_dim", 1, 8192, (h, v) -> with(h).embeddingDim(v).build());
        integer("encoder.hidden_layers", 0, 8, (h, v) -> with(h).hiddenLayers(v).build());
        // 0 = the embedding dimension.
        integer("encoder.hidden_width", 0, 8192, (h, v) -> with(h).hiddenWidth(v).build());
        integer("contrastive_scale", 2, 65536, (h, v) -> with(h).contrastiveScale(v).build());
        choice("negatives_mode", ids(Negatives.values(), Negatives::id), (h, v) -> with(h).negatives(Negatives.fromId(v).orElseThrow()).build());
        integer("negatives", 1, 65536, (h, v) -> with(h).pairNegatives(v).build());
        bool("variance_scaling", (h, v) -> with(h).varianceScaling(v).build());
        bool("clip.average_pairs", (h, v) -> with(h).clipAveragePairs(v).build());
        real("logit_scale_init", -100, true, 100, true, (h, v) -> with(h).logScaleInit(v).build());
        bool("train_logit_scale", (h, v) -> with(h).trainLogScale(v).build());
        choice("optimizer", ids(OptimizerKind.values(), OptimizerKind::id),
                (h, v) -> with(h).optimizer(optimizer(h).kind(OptimizerKind.fromId(v).orElseThrow()).build()).build());
        real("lr", 0, false, 10, true, (h, v) -> with(h).optimizer(optimizer(h).learningRate(v).build()).build());
        real("beta1", 0, true, 1, false, (h, v) -> with(h).optimizer(optimizer(h).beta1(v).build()).build());
        real("beta2", 0, true, 1, false, (h, v) -> with(h).optimizer(optimizer(h).beta2(v).build()).build());
        real("eps", 0, false, 1, true, (h, v) -> with(h).optimizer(optimizer(h).eps(v).build()).build());
        real("weight_decay", 0, true, 10, true, (h, v) -> with(h).optimizer(optimizer(h).weightDecay(v).build()).build());
        integer("warmup_steps", 0, 1_000_000, (h, v) -> with(h).optimizer(optimizer(h).warmupSteps(v).build()).build());
        real("grad_clip", 0, true, 1e6, true, (h, v) -> with(h).gradientClip(v).build());
        gateReal("gate.strength", 0, true, 1, true, (h, v) -> with(h).gate(gate(h).initialAlpha(v).build()).build());
        gateBool("gate.train_strength", (h, v) -> with(h).gate(gate(h).trainAlpha(v).build()).build());
        gateChoice("gate.neutral", ids(NeutralType.values(), NeutralType::id),
                (h, v) -> with(h).gate(gate(h).neutral(NeutralType.fromId(v).orElseThrow()).build()).build());
        gateBool("gate.null", (h, v) -> with(h).gate(gate(h).nullHead(v).build()).build());
        gateChoice("gate.type", List.of("sigmoid", "softmax"),
                (h, v) -> with(h).gate(gate(h).type(GateType.valueOf(v.toUpperCase())).build()).build());
        gateChoice("gate.mode", List.of("attention", "matrix"),
                (h, v) -> with(h).gate(gate(h).mode(GateMode.valueOf(v.toUpperCase())).build()).build());
        gateReal("gate.temperature", 0, false, 100, true, (h, v) -> with(h).gate(gate(h).initialTemperature(v).build()).build());
        gateInteger("gate.key_dim", 1, 8192, (h, v) -> with(h).gate(gate(h).keyDim(v).build()).build());
        gateBool("gate.renormalize", (h, v) -> with(h).gate(gate(h).renormalize(v).build()).build());
        gateReal("gate.lr_multiplier", 0, false, 100, true,
                (h, v) -> with(h).optimizer(optimizer(h).gateLearningRateMultiplier(v).build()).build());
    }

    private HyperparameterCatalog() {
    }

    public static Optional<Entry> entry(String name) {
        return Optional.ofNullable(ENTRIES.get(name));
    }

    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * Applies named values to {@code base}; every unknown name or bad value is reported, and nothing is
     * applied when there is any problem.
     */
    public static Hyperparameters apply(Hyperparameters base, Map<String, Object> values, List<ParameterProblem> problems) {
        Hyperparameters result = base;
        int before = problems.size();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            Entry entry = ENTRIES.get(value.getKey());
            if (entry == null) {
                problems.add(new ParameterProblem(value.getKey(), "is not a hyperparameter; known: " + String.join(", ", names())));
                continue;
            }
            Optional<Object> parsed = entry.parse().apply(value.getValue());
            if (parsed.isEmpty()) {
                problems.add(new ParameterProblem(value.getKey(), describe(value.getValue()) + " is not allowed; allowed: " + entry.allowed()));
                continue;
            }
            result = entry.apply().apply(result, parsed.get());
        }
        return problems.size() == before ? result : base;
    }

    static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    // --- entry builders -------------------------------------------------------------------------

    private static void integer(String name, long min, long max, BiFunction<Hyperparameters, Integer, Hyperparameters> apply) {
        add(name, "an integer from " + min + " to " + max, false, v -> asLong(v).filter(x -> x >= min && x <= max).map(Long::intValue), apply, Kind.INTEGER);
    }

    private static void gateInteger(String name, long min, long max, BiFunction<Hyperparameters, Integer, Hyperparameters> apply) {
        add(name, "an integer from " + min + " to " + max, true, v -> asLong(v).filter(x -> x >= min && x <= max).map(Long::intValue), apply, Kind.INTEGER);
    }

    private static void real(String name, double min, boolean minIncluded, double max, boolean maxIncluded,
                             BiFunction<Hyperparameters, Double, Hyperparameters> apply) {
        add(name, range(min, minIncluded, max, maxIncluded), false, v -> asDouble(v).filter(x -> inRange(x, min, minIncluded, max, maxIncluded)), apply, Kind.REAL);
    }

    private static void gateReal(String name, double min, boolean minIncluded, double max, boolean maxIncluded,
                                 BiFunction<Hyperparameters, Double, Hyperparameters> apply) {
        add(name, range(min, minIncluded, max, maxIncluded), true, v -> asDouble(v).filter(x -> inRange(x, min, minIncluded, max, maxIncluded)), apply, Kind.REAL);
    }

    private static void bool(String name, BiFunction<Hyperparameters, Boolean, Hyperparameters> apply) {
        add(name, "true or false", false, v -> v instanceof Boolean b ? Optional.of(b) : Optional.empty(), apply, Kind.BOOLEAN);
    }

    private static void gateBool(String name, BiFunction<Hyperparameters, Boolean, Hyperparameters> apply) {
        add(name, "true or false", true, v -> v instanceof Boolean b ? Optional.of(b) : Optional.empty(), apply, Kind.BOOLEAN);
    }

    private static void choice(String name, List<String> choices, BiFunction<Hyperparameters, String, Hyperparameters> apply) {
        add(name, "one of " + String.join(", ", choices), false,
                v -> v instanceof String s && choices.contains(s) ? Optional.of(s) : Optional.empty(), apply, Kind.CHOICE);
    }

    private static void gateChoice(String name, List<String> choices, BiFunction<Hyperparameters, String, Hyperparameters> apply) {
        add(name, "one of " + String.join(", ", choices), true,
                v -> v instanceof String s && choices.contains(s) ? Optional.of(s) : Optional.empty(), apply, Kind.CHOICE);
    }

    @SuppressWarnings("unchecked")
    private static <T> void add(String name, String allowed, boolean gateOnly, Function<Object, Optional<T>> parse,
                                BiFunction<Hyperparameters, T, Hyperparameters> apply, Kind kind) {
        ENTRIES.put(name, new Entry(name, allowed, gateOnly, v -> parse.apply(v).map(x -> (Object) x),
                (h, v) -> apply.apply(h, (T) v), kind));
    }

    private static String range(double min, boolean minIncluded, double max, boolean maxIncluded) {
        return "a number in " + (minIncluded ? "[" : "(") + BigDecimal.valueOf(min).stripTrailingZeros().toPlainString() + ", "
                + BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + (maxIncluded ? "]" : ")");
    }

    private static boolean inRange(double x, double min, boolean minIncluded, double max, boolean maxIncluded) {
        return Double.isFinite(x) && (minIncluded ? x >= min : x > min) && (maxIncluded ? x <= max : x < max);
    }

    private static Optional<Long> asLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof java.math.BigInteger b && b.bitLength() < 63) {
            return Optional.of(b.longValue());
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return Optional.of((long) n.doubleValue());
        }
        return Optional.empty();
    }

    private static Optional<Double> asDouble(Object value) {
        return value instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    private static <E> List<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).toList();
    }

    // --- copy-with helpers for the records ---------------------------------------------------------

    private static HyperparametersBuilder with(Hyperparameters h) {
        return new HyperparametersBuilder(h);
    }

    private static OptimizerBuilder optimizer(Hyperparameters h) {
        return new OptimizerBuilder(h.optimizer());
    }

    private static GateBuilder gate(Hyperparameters h) {
        return new GateBuilder(h.gate());
    }

    static final class HyperparametersBuilder {
        private int embeddingDim;
        private int hiddenLayers;
        private int hiddenWidth;
        private final org.symsweep.ml.nn.WeightInit weightInit;
        private int contrastiveScale;
        private Negatives negatives;
        private int pairNegatives;
        private boolean varianceScaling;
        private boolean clipAveragePairs;
        private double logScaleInit;
        private boolean trainLogScale;
        private OptimizerConfig optimizer;
        private double gradientClip;
        private GateConfig gate;

        HyperparametersBuilder(Hyperparameters h) {
            embeddingDim = h.embeddingDim();
            hiddenLayers = h.hiddenLayers();
            hiddenWidth = h.hiddenWidth();
            weightInit = h.weightInit();
            contrastiveScale = h.contrastiveScale();
            negatives = h.negatives();
            pairNegatives = h.pairNegatives();
            varianceScaling = h.varianceScaling();
            clipAveragePairs = h.clipAveragePairs();
            logScaleInit = h.logScaleInit();
            trainLogScale = h.trainLogScale();
            optimizer = h.optimizer();
            gradientClip = h.gradientClip();
            gate = h.gate();
        }

        HyperparametersBuilder embeddingDim(int v) { embeddingDim = v; return this; }
        HyperparametersBuilder hiddenLayers(int v) { hiddenLayers = v; return this; }
        HyperparametersBuilder hiddenWidth(int v) { hiddenWidth = v; return this; }
        HyperparametersBuilder contrastiveScale(int v) { contrastiveScale = v; return this; }
        HyperparametersBuilder negatives(Negatives v) { negatives = v; return this; }
        HyperparametersBuilder pairNegatives(int v) { pairNegatives = v; return this; }
        HyperparametersBuilder varianceScaling(boolean v) { varianceScaling = v; return this; }
        HyperparametersBuilder clipAveragePairs(boolean v) { clipAveragePairs = v; return this; }
        HyperparametersBuilder logScaleInit(double v) { logScaleInit = v; return this; }
        HyperparametersBuilder trainLogScale(boolean v) { trainLogScale = v; return this; }
        HyperparametersBuilder optimizer(OptimizerConfig v) { optimizer = v; return this; }
        HyperparametersBuilder gradientClip(double v) { gradientClip = v; return this; }
        HyperparametersBuilder gate(GateConfig v) { gate = v; return this; }

        Hyperparameters build() {
            return new Hyperparameters(embeddingDim, hiddenLayers, hiddenWidth, weightInit, contrastiveScale, negatives,
                    pairNegatives, varianceScaling, clipAveragePairs, logScaleInit, trainLogScale, optimizer, gradientClip, gate);
        }
    }

    static final class OptimizerBuilder {
        private OptimizerKind kind;
        private double learningRate;
        private double beta1;
        private double beta2;
        private double eps;
        private double weightDecay;
        private double gateLearningRateMultiplier;
        private int warmupSteps;

        OptimizerBuilder(OptimizerConfig o) {
            kind = o.kind();
            learningRate = o.learningRate();
            beta1 = o.beta1();
            beta2 = o.beta2();
            eps = o.eps();
            weightDecay = o.weightDecay();
            gateLearningRateMultiplier = o.gateLearningRateMultiplier();
            warmupSteps = o.warmupSteps();
        }

        OptimizerBuilder kind(OptimizerKind v) { kind = v; return this; }
        OptimizerBuilder learningRate(double v) { learningRate = v; return this; }
        OptimizerBuilder beta1(double v) { beta1 = v; return this; }
        OptimizerBuilder beta2(double v) { beta2 = v; return this; }
        OptimizerBuilder eps(double v) { eps = v; return this; }
        OptimizerBuilder weightDecay(double v) { weightDecay = v; return this; }
        OptimizerBuilder gateLearningRateMultiplier(double v) { gateLearningRateMultiplier = v; return this; }
        OptimizerBuilder warmupSteps(int v) { warmupSteps = v; return this; }

        OptimizerConfig build() {
            return new OptimizerConfig(kind, learningRate, beta1, beta2, eps, weightDecay, gateLearningRateMultiplier, warmupSteps);
        }
    }

    static final class GateBuilder {
        private GateMode mode;
        private GateType type;
        private boolean nullHead;
        private NeutralType neutral;
        private double initialAlpha;
        private boolean trainAlpha;
        private double initialTemperature;
        private int keyDim;
        private boolean renormalize;

        GateBuilder(GateConfig g) {
            mode = g.mode();
            type = g.type();
            nullHead = g.nullHead();
            neutral = g.neutral();
            initialAlpha = g.initialAlpha();
            trainAlpha = g.trainAlpha();
            initialTemperature = g.initialTemperature();
            keyDim = g.keyDim();
            renormalize = g.renormalize();
        }

        GateBuilder mode(GateMode v) { mode = v; return this; }
        GateBuilder type(GateType v) { type = v; return this; }
        GateBuilder nullHead(boolean v) { nullHead = v; return this; }
        GateBuilder neutral(NeutralType v) { neutral = v; return this; }
        GateBuilder initialAlpha(double v) { initialAlpha = v; return this; }
        GateBuilder trainAlpha(boolean v) { trainAlpha = v; return this; }
        GateBuilder initialTemperature(double v) { initialTemperature = v; return this; }
        GateBuilder keyDim(int v) { keyDim = v; return this; }
        GateBuilder renormalize(boolean v) { renormalize = v; return this; }

        GateConfig build() {
            return new GateConfig(mode, type, nullHead, neutral, initialAlpha, trainAlpha, initialTemperature, keyDim, renormalize);
        }
    }
}
