package org.symsweep.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature files that would cost more than the limits allow are refused from their headers and declared sizes. */
class FeatureLimitsTest {
    /** Test-sized: 16 MiB an array, 4 M values, 32 MiB in all. */
    private static final FeatureLimits LIMITS = new FeatureLimits(10_000, 4_000_000, 16L << 20, 32L << 20);

    @TempDir
    Path folder;

    @Test
    void aHeaderLengthOfTwoToTheThirtyFirstIsRefusedBeforeItIsRead() throws Exception {
        Path bomb = FeatureBombs.folderWith(folder.resolve("header"), FeatureBombs.headerLengthBomb());
        long before = usedHeap();
        assertThatThrownBy(() -> FeatureFiles.inspect(bomb, LIMITS)).isInstanceOf(FeatureLimitExceeded.class)
                .hasMessageContaining("array 'c' declares a header of 2147483647 bytes; at most 10000");
        FeatureLimits previous = FeatureLimits.configured();
        FeatureLimits.configure(LIMITS);
        try {
            assertThatThrownBy(() -> FeatureFiles.load(bomb, List.of())).isInstanceOf(FeatureLimitExceeded.class);
        } finally {
            FeatureLimits.configure(previous);
        }
        assertThat(usedHeap() - before).as("heap growth, where the header alone would take 2 GiB").isLessThan(16L << 20);
    }

    @Test
    void arraysOverTheValueOrByteLimitAreRefusedFromTheirHeader() throws Exception {
        Path values = FeatureBombs.folderWith(folder.resolve("values"), FeatureBombs.header("<f4", 3_000_000, 2));
        assertThatThrownBy(() -> FeatureFiles.inspect(values, LIMITS)).isInstanceOf(FeatureLimitExceeded.class)
                .hasMessageContaining("array 'c' has 6000000 values; at most 4000000");
        Path bytes = FeatureBombs.folderWith(folder.resolve("bytes"), FeatureBombs.header("<f8", 3_000_000, 1));
        assertThatThrownBy(() -> FeatureFiles.inspect(bytes, LIMITS)).isInstanceOf(FeatureLimitExceeded.class)
                .hasMessageContaining("array 'c' has 24000000 bytes of data; at most 16777216");
        Path overflow = FeatureBombs.folderWith(folder.resolve("overflow"),
                FeatureBombs.header("<f4", 999_999_999_999_999_999L, 999_999_999_999_999_999L));
        assertThatThrownBy(() -> FeatureFiles.inspect(overflow, LIMITS)).isInstanceOf(FeatureLimitExceeded.class)
                .hasMessageContaining("more than 9223372036854775807 values");
    }

    @Test
    void aZipBombIsRefusedFromItsDeclaredSizes() throws Exception {
        Path bomb = FeatureBombs.zipBomb(folder.resolve("bomb.npz"), 8_000_000); // 128 MB of zeros
        assertThat(java.nio.file.Files.size(bomb)).isLessThan(1L << 20);
        long before = usedHeap();
        assertThatThrownBy(() -> FeatureFiles.inspect(bomb, LIMITS)).isInstanceOf(FeatureLimitExceeded.class)
                .hasMessageContaining("array 'a' declares 128000128 bytes uncompressed");
        assertThat(usedHeap() - before).as("heap growth, where the bomb inflates to 128 MB").isLessThan(16L << 20);
    }

    @Test
    void aZipThatUnderstatesItsSizeIsStoppedWhileInflating() throws Exception {
        // 12 MB of data (within the per-array limit) in an entry that claims 1,000 bytes.
        Path liar = FeatureBombs.lyingZip(folder.resolve("liar.npz"), 3_000_000, 1000);
        assertThatThrownBy(() -> FeatureFiles.inspect(liar, LIMITS))
                .hasMessageContaining("array 'a' promises 12000000 bytes of data but holds at most 1000");
        FeatureLimits previous = FeatureLimits.configured();
        FeatureLimits.configure(LIMITS);
        try {
            long before = usedHeap();
            assertThatThrownBy(() -> FeatureFiles.load(liar, List.of())).isInstanceOf(FeatureLimitExceeded.class)
                    .hasMessageContaining("array 'a' inflates to more than the 1000 bytes it declares");
            assertThat(usedHeap() - before).isLessThan(8L << 20);
        } finally {
            FeatureLimits.configure(previous);
        }
    }

    @Test
    void theEstimateCountsEveryValueTwiceAsFloatPlusTheLargestRawArray() throws Exception {
        Path ok = FeatureBombs.folderWith(folder.resolve("ok"), FeatureBombs.header("<f8", 4, 2));
        FeatureFiles.Inspection inspection = FeatureFiles.inspect(ok, LIMITS);
        assertThat(inspection.arrays()).containsOnlyKeys("a", "b", "c");
        // 3 arrays of 8 values: 24 values x 8 bytes, plus the float64 array's 64 raw bytes.
        assertThat(inspection.estimatedTrialBytes()).isEqualTo(24 * 8 + 64);
    }

    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
