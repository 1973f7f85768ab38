package org.symsweep.ml.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A user's own data: per-modality feature matrices (rows = samples, row i of each modality from the same
 * sample) in one .npz file or a folder of .npy files. An optional 1-D array named {@code split} assigns
 * each row to train (0), validation (1) or test (2); without it rows are split 80/10/10 by the seed.
 * Modalities are the other arrays, by name in alphabetical order unless named explicitly.
 */
public final class FeatureFiles {
    public static final String SPLIT = "split";
    public static final int MIN_MODALITIES = 2;
    public static final int MAX_MODALITIES = 8;

    private FeatureFiles() {
    }

    /** Reads and checks the arrays; {@code modalityNames} empty means every array but {@code split}. */
    public static Loaded load(Path path, List<String> modalityNames) throws FeatureFileException {
        Map<String, NpyArray> arrays = readAll(path);
        List<String> names = new ArrayList<>(modalityNames);
        if (names.isEmpty()) {
            arrays.keySet().stream().filter(n -> !n.equals(SPLIT)).forEach(names::add);
        }
        for (String name : names) {
            if (!arrays.containsKey(name)) {
                throw new FeatureFileException("modality '" + name + "' is missing: " + path + " has no array named '" + name
                        + "'; it has " + String.join(", ", arrays.keySet()), "a modality named in the spec is missing from the arrays");
            }
        }
        if (names.size() < MIN_MODALITIES || names.size() > MAX_MODALITIES) {
            throw new FeatureFileException(path + " has " + names.size() + " modality arrays (" + String.join(", ", names)
                    + "); " + MIN_MODALITIES + " to " + MAX_MODALITIES + " are needed",
                    "they hold " + names.size() + " modality arrays; " + MIN_MODALITIES + " to " + MAX_MODALITIES + " are needed");
        }
        NpyArray first = arrays.get(names.get(0));
        List<float[]> values = new ArrayList<>();
        int[] widths = new int[names.size()];
        for (int m = 0; m < names.size(); m++) {
            NpyArray array = arrays.get(names.get(m));
            if (array.dimensions() != 2) {
                throw new FeatureFileException("array '" + array.name() + "' has shape " + shapeText(array)
                        + "; a modality must be a 2-D (rows x features) matrix",
                        "a modality array has shape " + shapeText(array) + "; a modality must be a 2-D (rows x features) matrix");
            }
            if (array.shape()[0] != first.shape()[0]) {
                throw new FeatureFileException("array '" + array.name() + "' has " + array.shape()[0] + " rows but '"
                        + first.name() + "' has " + first.shape()[0] + "; every modality needs one row per sample",
                        "the modality arrays have different numbers of rows (" + array.shape()[0] + " and " + first.shape()[0]
                                + "); every modality needs one row per sample");
            }
            if (array.shape()[1] < 1 || array.shape()[0] < 1) {
                throw new FeatureFileException("array '" + array.name() + "' is empty (shape " + shapeText(array) + ")",
                        "a modality array is empty (shape " + shapeText(array) + ")");
            }
            checkFinite(array);
            values.add(array.values());
            widths[m] = (int) array.shape()[1];
        }
        int rows = (int) first.shape()[0];
        Modalities all = new Modalities(values, widths, rows);
        NpyArray split = arrays.get(SPLIT);
        return new Loaded(names, all, split == null ? null : splitColumn(split, rows, first.name()));
    }

    /** The loaded modalities and, when the file has one, the split of each row (0, 1 or 2). */
    public record Loaded(List<String> modalityNames, Modalities all, int[] split) {
        public Splits splits(long seed) throws FeatureFileException {
            if (split == null) {
                return Splits.random(all, 0.8, 0.1, seed);
            }
            List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < split.length; i++) {
                parts.get(split[i]).add(i);
            }
            String[] label = {"train (0)", "validation (1)", "test (2)"};
            for (int s = 0; s < 3; s++) {
                if (parts.get(s).isEmpty()) {
                    throw new FeatureFileException("array 'split' assigns no row to " + label[s]);
                }
            }
            return new Splits(select(parts.get(0)), select(parts.get(1)), select(parts.get(2)));
        }

        private Modalities select(List<Integer> rows) {
            return all.select(rows.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static int[] splitColumn(NpyArray split, int rows, String reference) throws FeatureFileException {
        if (split.dimensions() != 1 || split.shape()[0] != rows) {
            throw new FeatureFileException("array 'split' has shape " + shapeText(split) + "; it must be 1-D with one entry per row ("
                    + rows + ", as '" + reference + "')",
                    "array 'split' has shape " + shapeText(split) + "; it must be 1-D with one entry per row (" + rows + ")");
        }
        int[] column = new int[rows];
        for (int i = 0; i < rows; i++) {
            float v = split.values()[i];
            if (v != 0 && v != 1 && v != 2) {
                throw new FeatureFileException("array 'split' has the value " + v + " at row " + i
                        + "; allowed are 0 (train), 1 (validation) and 2 (test)");
            }
            column[i] = (int) v;
        }
        return column;
    }

    private static void checkFinite(NpyArray array) throws FeatureFileException {
        float[] values = array.values();
        int width = (int) array.shape()[1];
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new FeatureFileException("array '" + array.name() + "' has " + (Float.isNaN(values[i]) ? "a NaN" : "an infinite value")
                        + " at row " + (i / width) + ", column " + (i % width) + "; features must be finite numbers",
                        "a modality array has " + (Float.isNaN(values[i]) ? "a NaN" : "an infinite value")
                        + " at row " + (i / width) + ", column " + (i % width) + "; features must be finite numbers");
            }
        }
    }

    private static String shapeText(NpyArray array) {
        return java.util.Arrays.toString(array.shape()).replace('[', '(').replace(']', ')');
    }

    /** The arrays' headers and sizes, read without their data: what a trial on these files will cost. */
    public record Inspection(Map<String, NpyArray.Header> arrays, long dataBytes) {
        /**
         * Bytes a trial holds for these files at its peak: every modality as float (4 bytes per value) plus the
         * split copies of the same rows (4 more), plus the largest array's raw bytes while it is converted.
         * The model and a batch's tensors are small beside data of a size worth estimating.
         */
        public long estimatedTrialBytes() {
            long values = 0;
            long largestRaw = 0;
            for (NpyArray.Header header : arrays.values()) {
                values += header.values();
                largestRaw = Math.max(largestRaw, header.dataBytes());
            }
            return values * 8 + largestRaw;
        }
    }

    /** Reads only the headers (and an archive's declared sizes), checking them against {@code limits}. */
    public static Inspection inspect(Path path, FeatureLimits limits) throws FeatureFileException {
        Map<String, NpyArray.Header> headers = new TreeMap<>();
        long[] total = {0};
        visit(path, limits, (name, in, declared) -> {
            NpyArray.Header header = NpyArray.readHeader(name, in, limits);
            // The header promises more data than the entry (or file) holds: it is truncated, or lies about its size.
            if (header.dataBytes() > declared) {
                throw new FeatureFileException("array '" + name + "' promises " + header.dataBytes() + " bytes of data but holds at most "
                        + declared);
            }
            headers.put(name, header);
            total[0] += header.dataBytes();
        });
        return new Inspection(headers, total[0]);
    }

    private interface ArrayVisitor {
        void visit(String name, InputStream in, long declaredBytes) throws IOException, FeatureFileException;
    }

    private static Map<String, NpyArray> readAll(Path path) throws FeatureFileException {
        FeatureLimits limits = FeatureLimits.configured();
        Map<String, NpyArray> arrays = new TreeMap<>();
        visit(path, limits, (name, in, declared) -> arrays.put(name, NpyArray.read(name, in, limits)));
        return arrays;
    }

    /**
     * Opens each array of a .npz file or a folder of .npy files, after checking the count of arrays and their
     * declared sizes (a zip's central directory, a file's length) against the limits; each stream is also
     * counted as it is read, so an archive that understates its sizes is stopped at the limit, not at the heap's end.
     */
    private static void visit(Path path, FeatureLimits limits, ArrayVisitor visitor) throws FeatureFileException {
        int count = 0;
        try {
            if (Files.isDirectory(path)) {
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> listing = Files.newDirectoryStream(path, "*.npy")) {
                    for (Path file : listing) {
                        if (files.size() == FeatureLimits.MAX_ARRAYS) {
                            throw new FeatureLimitExceeded(path + " holds more than " + FeatureLimits.MAX_ARRAYS + " .npy files", "arrays");
                        }
                        files.add(file);
                    }
                }
                long total = 0;
                for (Path file : files) {
                    total += Files.size(file);
                }
                checkTotal(path, total, limits);
                for (Path file : files) {
                    String name = file.getFileName().toString().replaceFirst("\\.npy$", "");
                    try (InputStream in = new BoundedInputStream(Files.newInputStream(file), entryCap(limits), name)) {
                        visitor.visit(name, in, Files.size(file));
                    }
                    count++;
                }
            } else if (Files.isRegularFile(path) && path.toString().endsWith(".npz")) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    if (zip.size() > FeatureLimits.MAX_ARRAYS) {
                        throw new FeatureLimitExceeded(path + " holds " + zip.size() + " entries; at most " + FeatureLimits.MAX_ARRAYS
                                + " arrays are read", "arrays");
                    }
                    List<ZipEntry> entries = new ArrayList<>();
                    long total = 0;
                    for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                        ZipEntry entry = all.nextElement();
                        String name = entry.getName().replaceFirst("\\.npy$", "");
                        if (entry.getSize() < 0) {
                            throw new FeatureFileException("array '" + name + "' does not declare its uncompressed size");
                        }
                        if (entry.getSize() > entryCap(limits)) {
                            throw new FeatureLimitExceeded("array '" + name + "' declares " + entry.getSize() + " bytes uncompressed;"
                                    + " at most " + entryCap(limits) + " are read (symsweep.limits.features.max-array-bytes"
                                    + " plus its header)", "max-array-bytes");
                        }
                        total += entry.getSize();
                        entries.add(entry);
                    }
                    checkTotal(path, total, limits);
                    for (ZipEntry entry : entries) {
                        String name = entry.getName().replaceFirst("\\.npy$", "");
                        // Counted against the declared size: inflating past it means the archive lied.
                        try (InputStream in = new BoundedInputStream(zip.getInputStream(entry), entry.getSize(), name)) {
                            visitor.visit(name, in, entry.getSize());
                        }
                        count++;
                    }
                }
            } else if (!Files.exists(path)) {
                throw new FeatureFileException("feature path " + path + " does not exist", "the data cannot be found");
            } else {
                throw new FeatureFileException("feature path " + path + " is neither a .npz file nor a folder of .npy files",
                        "they are neither a .npz file nor a folder of .npy files");
            }
        } catch (Oversized e) {
            throw new FeatureLimitExceeded(e.getMessage(), "max-array-bytes");
        } catch (IOException e) {
            throw new FeatureFileException("cannot read " + path + ": " + e.getMessage(), "the files cannot be read or are damaged");
        }
        if (count == 0) {
            throw new FeatureFileException(path + " holds no .npy arrays", "they hold no .npy arrays");
        }
    }

    private static long entryCap(FeatureLimits limits) {
        return limits.maxArrayBytes() + limits.maxHeaderBytes() + 16;
    }

    private static void checkTotal(Path path, long total, FeatureLimits limits) throws FeatureLimitExceeded {
        if (total > limits.maxTotalBytes()) {
            throw new FeatureLimitExceeded(path + " holds " + total + " bytes of arrays uncompressed; at most " + limits.maxTotalBytes()
                    + " are read (symsweep.limits.features.max-total-bytes)", "max-total-bytes");
        }
    }

    /** Fails once more than {@code cap} bytes have come out of the stream (a zip entry larger than it declared). */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long cap;
        private final String name;
        private long read;

        BoundedInputStream(InputStream in, long cap, String name) {
            super(in);
            this.cap = cap;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, cap - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > cap) {
                throw new Oversized("array '" + name + "' inflates to more than the " + cap + " bytes it declares");
            }
        }
    }

    /** Thrown from inside a stream, where only IOException passes; turned into a refusal by the caller. */
    private static final class Oversized extends IOException {
        Oversized(String message) {
            super(message);
        }
    }
}
