package org.symsweep.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature files written here in NumPy's .npy/.npz formats, as numpy.save and numpy.savez write them. */
class FeatureFilesTest {
    @TempDir
    Path folder;

    @Test
    void readsAnNpzWithASplitColumn() throws Exception {
        Path file = npz("data.npz",
                npy("image", "<f4", new long[] {4, 2}, new double[] {1, 2, 3, 4, 5, 6, 7, 8}),
                npy("text", "<f8", new long[] {4, 3}, new double[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}),
                npy("split", "<i8", new long[] {4}, new double[] {0, 0, 1, 2}));
        FeatureFiles.Loaded loaded = FeatureFiles.load(file, List.of());
        assertThat(loaded.modalityNames()).containsExactly("image", "text");
        Splits splits = loaded.splits(1);
        assertThat(splits.train().rows()).isEqualTo(2);
        assertThat(splits.validation().values().get(0)).containsExactly(5f, 6f);
        assertThat(splits.test().values().get(1)).containsExactly(4f, 4f, 4f);
    }

    @Test
    void readsAFolderOfNpyFilesAndSplitsBySeedWithoutASplitColumn() throws Exception {
        Path dir = Files.createDirectory(folder.resolve("npy"));
        double[] values = new double[100 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        for (String name : List.of("a", "b", "c")) {
            Files.write(dir.resolve(name + ".npy"), npy(name, "<f4", new long[] {100, 2}, values).bytes());
        }
        FeatureFiles.Loaded loaded = FeatureFiles.load(dir, List.of("c", "a"));
        assertThat(loaded.modalityNames()).containsExactly("c", "a");
        Splits splits = loaded.splits(42);
        assertThat(splits.train().rows()).isEqualTo(80);
        assertThat(splits.validation().rows()).isEqualTo(10);
        assertThat(splits.test().rows()).isEqualTo(10);
        assertThat(loaded.splits(42).test().values().get(0)).containsExactly(splits.test().values().get(0));
    }

    @Test
    void refusesRowCountMismatchNamingTheArray() throws Exception {
        Path file = npz("bad.npz",
                npy("audio", "<f4", new long[] {3, 2}, new double[6]),
                npy("image", "<f4", new long[] {2, 2}, new double[4]));
        assertThatThrownBy(() -> FeatureFiles.load(file, List.of()))
                .hasMessageContaining("array 'image' has 2 rows but 'audio' has 3");
    }

    @Test
    void refusesNaNNamingTheArrayRowAndColumn() throws Exception {
        Path file = npz("nan.npz",
                npy("audio", "<f4", new long[] {2, 2}, new double[] {1, 2, 3, Double.NaN}),
                npy("image", "<f4", new long[] {2, 2}, new double[4]));
        assertThatThrownBy(() -> FeatureFiles.load(file, List.of()))
                .hasMessageContaining("array 'audio' has a NaN at row 1, column 1");
    }

    @Test
    void refusesAMissingModalityListingWhatTheFileHas() throws Exception {
        Path file = npz("two.npz",
                npy("audio", "<f4", new long[] {2, 1}, new double[2]),
                npy("image", "<f4", new long[] {2, 1}, new double[2]));
        assertThatThrownBy(() -> FeatureFiles.load(file, List.of("audio", "text")))
                .hasMessageContaining("modality 'text' is missing").hasMessageContaining("audio, image");
    }

    @Test
    void refusesAOneModalityFileAndABadSplitValue() throws Exception {
        Path one = npz("one.npz", npy("audio", "<f4", new long[] {2, 1}, new double[2]));
        assertThatThrownBy(() -> FeatureFiles.load(one, List.of())).hasMessageContaining("2 to 8 are needed");
        Path split = npz("split.npz",
                npy("a", "<f4", new long[] {2, 1}, new double[2]),
                npy("b", "<f4", new long[] {2, 1}, new double[2]),
                npy("split", "<i8", new long[] {2}, new double[] {0, 5}));
        assertThatThrownBy(() -> FeatureFiles.load(split, List.of())).hasMessageContaining("array 'split' has the value 5.0 at row 1");
    }

    private record Npy(String name, byte[] bytes) {
    }

    private Path npz(String fileName, Npy... arrays) throws IOException {
        Path file = folder.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Npy array : arrays) {
                zip.putNextEntry(new ZipEntry(array.name() + ".npy"));
                zip.write(array.bytes());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static Npy npy(String name, String dtype, long[] shape, double[] values) {
        StringBuilder shapeText = new StringBuilder("(");
        for (long s : shape) {
            shapeText.append(s).append(", ");
        }
        String shapeString = shape.length == 1 ? "(" + shape[0] + ",)" : shapeText.substring(0, shapeText.length() - 2) + ")";
        String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeString + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        int size = dtype.endsWith("8") ? 8 : 4;
        ByteBuffer data = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (dtype) {
                case "<f4" -> data.putFloat((float) v);
                case "<f8" -> data.putDouble(v);
                case "<i8" -> data.putLong((long) v);
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        out.writeBytes(data.array());
        return new Npy(name, out.toByteArray());
    }
}
