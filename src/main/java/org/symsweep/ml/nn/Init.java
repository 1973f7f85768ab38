package org.symsweep.ml.nn;

import java.util.SplittableRandom;

/**
 * Initial values, drawn from Java's seeded generators (never the engine's global one) so a trial's
 * numbers depend on its seed alone, whatever else runs in the process.
 */
public final class Init {
    private Init() {
    }

    /** PyTorch's default for nn.Linear (Kaiming uniform with a = sqrt(5)): U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    public static float[] linearDefault(int fanIn, int count, SplittableRandom random) {
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble(-bound, bound));
        }
        return values;
    }

    /** Kaiming normal with fan_out and ReLU gain: N(0, 2 / fanOut). */
    public static float[] kaimingNormalFanOut(int fanOut, int count, SplittableRandom random) {
        double std = Math.sqrt(2.0 / fanOut);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (gaussian(random) * std);
        }
        return values;
    }

    /** A direction drawn uniformly on the unit sphere. */
    public static float[] unitVector(int dim, SplittableRandom random) {
        float[] values = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            double g = gaussian(random);
            values[i] = (float) g;
            norm += g * g;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dim; i++) {
            values[i] /= (float) norm;
        }
        return values;
    }

    public static float[] filled(int count, float value) {
        float[] values = new float[count];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /**
     * A standard normal draw (Box-Muller) computed with StrictMath. Math's and nextGaussian's log and exp
     * may differ in the last bit between interpreted and JIT-compiled code, which made data and initial
     * weights depend on when the JIT kicked in; StrictMath gives the same bits every time.
     */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // in (0, 1]: log is finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }
}
