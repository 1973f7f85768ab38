package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * All parameters of a model. Trainable ones live as slices of one flat buffer per {@link ParameterGroup},
 * so autograd yields one gradient per group and an optimiser updates a group with a few operations.
 * Frozen ones (a frozen neutral direction, a frozen gate strength) are plain constants.
 * Declare everything with {@link #trainable} and {@link #frozen}, then {@link #build} once.
 */
public final class ParameterSet {
    /** Where a parameter lives: a slice of a group's buffer, or (group == null) a constant. */
    public record Ref(String name, ParameterGroup group, long offset, Shape shape) {
        public long size() {
            return shape.size();
        }
    }

    private final Map<ParameterGroup, List<float[]>> pending = new EnumMap<>(ParameterGroup.class);
    private final Map<ParameterGroup, Long> sizes = new EnumMap<>(ParameterGroup.class);
    private final Map<String, Ref> refs = new LinkedHashMap<>();
    private final Map<String, float[]> frozenValues = new LinkedHashMap<>();
    private final Map<ParameterGroup, NDArray> flats = new EnumMap<>(ParameterGroup.class);
    private final Map<String, NDArray> constants = new LinkedHashMap<>();
    private boolean built;
    private NDManager cachedFor;
    private final Map<String, NDArray> cache = new java.util.HashMap<>();

    public Ref trainable(String name, ParameterGroup group, Shape shape, float[] initial) {
        checkDeclaration(name, shape, initial);
        long offset = sizes.getOrDefault(group, 0L);
        pending.computeIfAbsent(group, g -> new ArrayList<>()).add(initial.clone());
        sizes.put(group, offset + initial.length);
        Ref ref = new Ref(name, group, offset, shape);
        refs.put(name, ref);
        return ref;
    }

    public Ref frozen(String name, Shape shape, float[] value) {
        checkDeclaration(name, shape, value);
        frozenValues.put(name, value.clone());
        Ref ref = new Ref(name, null, 0, shape);
        refs.put(name, ref);
        return ref;
    }

    private void checkDeclaration(String name, Shape shape, float[] values) {
        if (built) {
            throw new IllegalStateException("parameters are already built");
        }
        if (refs.containsKey(name)) {
            throw new IllegalArgumentException("parameter declared twice: " + name);
        }
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(name + ": shape " + shape + " does not hold " + values.length + " values");
        }
    }

    /** Creates the group buffers (requiring gradients) and the constants in {@code manager}, in float32. */
    public void build(NDManager manager) {
        build(manager, DataType.FLOAT32);
    }

    /** As {@link #build(NDManager)} in the given type (float64 for exact gradient checks). */
    public void build(NDManager manager, DataType type) {
        if (built) {
            throw new IllegalStateException("already built");
        }
        for (Map.Entry<ParameterGroup, List<float[]>> group : pending.entrySet()) {
            float[] flat = new float[Math.toIntExact(sizes.get(group.getKey()))];
            int at = 0;
            for (float[] part : group.getValue()) {
                System.arraycopy(part, 0, flat, at, part.length);
                at += part.length;
            }
            NDArray buffer = Tensors.of(manager, flat, new Shape(flat.length)).toType(type, false);
            buffer.setRequiresGradient(true);
            flats.put(group.getKey(), buffer);
        }
        for (Map.Entry<String, float[]> constant : frozenValues.entrySet()) {
            constants.put(constant.getKey(), Tensors.of(manager, constant.getValue(), refs.get(constant.getKey()).shape()).toType(type, false));
        }
        pending.clear();
        frozenValues.clear();
        built = true;
    }

    /**
     * The parameter's current value, as a view of its group buffer (gradients flow back into the buffer)
     * or of its constant, attached to {@code step} so everything computed from it is freed with the step.
     */
    public NDArray value(Ref ref, NDManager step) {
        // Views are made once per step: a model reads the same weights many times in one forward pass.
        if (cachedFor != step) {
            cache.clear();
            cachedFor = step;
        }
        NDArray cached = cache.get(ref.name());
        if (cached != null) {
            return cached;
        }
        if (ref.group() == null) {
            NDArray constant = constants.get(ref.name());
            NDArray view = constant.reshape(constant.getShape());
            view.attach(step);
            cache.put(ref.name(), view);
            return view;
        }
        splitGroup(ref.group(), step);
        return cache.get(ref.name());
    }

    /**
     * Makes the views of all of a group's parameters with one split of its buffer. A slice per parameter would
     * cost, in the backward pass, a zero-filled gradient of the whole buffer per parameter (plus adding them
     * up); the split's backward joins the parameters' gradients once.
     */
    private void splitGroup(ParameterGroup group, NDManager step) {
        List<Ref> members = refs.values().stream().filter(r -> r.group() == group).toList();
        // Split points: where each parameter after the first starts.
        long[] starts = members.stream().skip(1).mapToLong(Ref::offset).toArray();
        ai.djl.ndarray.NDList parts = flats.get(group).split(starts, 0);
        for (int i = 0; i < members.size(); i++) {
            NDArray view = parts.get(i).reshape(members.get(i).shape());
            view.attach(step);
            parts.get(i).attach(step);
            cache.put(members.get(i).name(), view);
        }
    }

    /** The group buffers, always in the same order (so sums over groups are reproducible). */
    public Map<ParameterGroup, NDArray> groups() {
        return java.util.Collections.unmodifiableMap(new EnumMap<>(flats));
    }

    /** Every array that must survive a step: buffers and constants. */
    public List<NDArray> persistentArrays() {
        List<NDArray> arrays = new ArrayList<>(flats.values());
        arrays.addAll(constants.values());
        return arrays;
    }

    /** A copy of every trainable value, e.g. the weights of the best epoch so far. */
    public Map<ParameterGroup, float[]> snapshot() {
        Map<ParameterGroup, float[]> copy = new EnumMap<>(ParameterGroup.class);
        flats.forEach((group, flat) -> copy.put(group, flat.toFloatArray()));
        return copy;
    }

    public void restore(Map<ParameterGroup, float[]> snapshot) {
        flats.forEach((group, flat) -> flat.set(Objects.requireNonNull(snapshot.get(group), "no snapshot of " + group)));
    }

    /** Overwrites one parameter's values (loading weights, or setting up a test case). */
    public void assign(String name, float[] values) {
        Ref ref = refs.get(name);
        if (ref == null) {
            throw new IllegalArgumentException("no parameter named " + name + "; there are " + refs.keySet());
        }
        if (values.length != ref.size()) {
            throw new IllegalArgumentException(name + " holds " + ref.size() + " values, not " + values.length);
        }
        if (ref.group() == null) {
            constants.get(name).set(values);
            return;
        }
        NDArray buffer = flats.get(ref.group());
        try (NDArray asFloat = buffer.toType(DataType.FLOAT32, true)) {
            float[] flat = asFloat.toFloatArray();
            System.arraycopy(values, 0, flat, (int) ref.offset(), values.length);
            try (NDArray updated = buffer.getManager().create(flat).toType(buffer.getDataType(), false)) {
                updated.copyTo(buffer);
            }
        }
    }

    /** One parameter's current values, for reporting (the learned scale, alpha, T). */
    public float[] read(Ref ref) {
        if (ref.group() == null) {
            return constants.get(ref.name()).toFloatArray();
        }
        NDArray flat = flats.get(ref.group());
        try (NDArray slice = flat.get(new NDIndex().addSliceDim(ref.offset(), ref.offset() + ref.size()))) {
            return slice.toFloatArray();
        }
    }
}
