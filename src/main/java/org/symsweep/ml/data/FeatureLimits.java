package org.symsweep.ml.data;

/**
 * What reading a user's feature files may cost, checked from headers and declared sizes before anything
 * of that size is allocated, and again while the bytes arrive (a file can lie about its sizes).
 *
 * @param maxHeaderBytes the longest .npy header read (NumPy itself reads at most 10,000 bytes by default)
 * @param maxArrayValues the most values one array may hold
 * @param maxArrayBytes the most data bytes one array may hold (values x item size)
 * @param maxTotalBytes the most bytes all arrays of one feature path may hold together, uncompressed
 */
public record FeatureLimits(long maxHeaderBytes, long maxArrayValues, long maxArrayBytes, long maxTotalBytes) {
    /** The most arrays (.npz entries or .npy files) one feature path may hold: 8 modalities, a split, some spare. */
    public static final int MAX_ARRAYS = 64;
    public static final FeatureLimits DEFAULTS = new FeatureLimits(10_000, 100_000_000L, 800L << 20, 2L << 30);

    private static volatile FeatureLimits configured = DEFAULTS;

    public FeatureLimits {
        if (maxHeaderBytes < 64 || maxArrayValues < 1 || maxArrayBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("feature limits must be positive (and headers at least 64 bytes)");
        }
    }

    /** The limits this process was configured with (set once at start; trials read their files with them). */
    public static FeatureLimits configured() {
        return configured;
    }

    public static void configure(FeatureLimits limits) {
        configured = limits;
    }
}
