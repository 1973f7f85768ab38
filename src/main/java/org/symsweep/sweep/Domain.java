package org.symsweep.sweep;

import java.util.List;
import java.util.SplittableRandom;

/** The values one hyperparameter may take in a search space. */
public sealed interface Domain {
    /** An explicit list (the only kind a grid can enumerate). */
    record Values(List<Object> values) implements Domain {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** A real number drawn uniformly from [low, high]. */
    record Uniform(double low, double high) implements Domain {
    }

    /** A positive real number whose logarithm is drawn uniformly: for learning rates and the like. */
    record LogUniform(double low, double high) implements Domain {
    }

    /** An integer drawn uniformly from low to high, both included. */
    record IntRange(long low, long high) implements Domain {
    }

    /** One draw, for random search. */
    default Object sample(SplittableRandom random) {
        if (this instanceof Values v) {
            return v.values().get(random.nextInt(v.values().size()));
        }
        if (this instanceof Uniform u) {
            return u.low() + random.nextDouble() * (u.high() - u.low());
        }
        if (this instanceof LogUniform l) {
            double log = StrictMath.log(l.low()) + random.nextDouble() * (StrictMath.log(l.high()) - StrictMath.log(l.low()));
            return StrictMath.exp(log);
        }
        IntRange r = (IntRange) this;
        return r.low() + random.nextLong(r.high() - r.low() + 1);
    }
}
