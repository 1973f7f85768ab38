package org.symsweep.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symsweep.ml.data.NpyFiles.matrix;
import static org.symsweep.ml.data.NpyFiles.npy;
import static org.symsweep.ml.data.NpyFiles.npz;
import static org.symsweep.ml.data.NpyFiles.tar;
import static org.symsweep.ml.data.NpyFiles.zip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads as users make them (numpy.savez, zip or tar of a folder) and as attackers make them. */
class DatasetArchiveTest {
    private static final DatasetArchive.Limits LIMITS = new DatasetArchive.Limits(1024 * 1024, 9);

    @TempDir
    Path folder;

    @Test
    void acceptsAnNpzWithASplitAndWritesWhatTrialsRead() throws Exception {
        DatasetArchive.Checked checked = normalise(npz(matrix("text", 10, 3, 1), matrix("image", 10, 2, 0),
                npy("split", "<i8", new long[] {10}, new double[] {0, 0, 0, 0, 0, 0, 1, 1, 2, 2})));
        assertThat(checked.arrays()).extracting(DatasetArchive.ArrayInfo::name).containsExactly("image", "text", "split");
        assertThat(checked.arrays().get(1).shape()).containsExactly(10L, 3L);
        assertThat(checked.arrays().get(2).dtype()).isEqualTo("i8");
        assertThat(checked.rows()).isEqualTo(10);
        assertThat(checked.dataBytes()).isEqualTo(10 * 3 * 4 + 10 * 2 * 4 + 10 * 8);
        FeatureFiles.Loaded loaded = FeatureFiles.load(folder.resolve("out.npz"), List.of());
        assertThat(loaded.modalityNames()).containsExactly("image", "text");
        assertThat(loaded.splits(1).test().rows()).isEqualTo(2);
    }

    @Test
    void acceptsAZipOrTarOfAFolderOfNpyFilesSkippingArchiveMetadata() throws Exception {
        byte[] zipped = zip("features/", matrix("a", 5, 2, 0), matrix("b", 5, 4, 1), new NpyFiles.Npy("._a", new byte[] {1, 2}));
        assertThat(normalise(zipped).arrays()).extracting(DatasetArchive.ArrayInfo::name).containsExactly("a", "b");
        byte[] tarred = tar("features/", matrix("a", 5, 2, 0), matrix("b", 5, 4, 1), new NpyFiles.Npy(".DS_Store", new byte[700]));
        DatasetArchive.Checked checked = normalise(tarred);
        assertThat(checked.arrays()).extracting(DatasetArchive.ArrayInfo::name).containsExactly("a", "b");
        assertThat(FeatureFiles.load(folder.resolve("out.npz"), List.of()).all().rows()).isEqualTo(5);
    }

    @Test
    void refusesWhatIsNotADatasetSayingWhy() throws Exception {
        refused("this is a text".getBytes(StandardCharsets.UTF_8), "neither a .npz/.zip nor a .tar archive");
        refused(matrix("a", 2, 2, 0).bytes(), "a single .npy array is not a dataset");
        byte[] good = npz(matrix("a", 5, 2, 0), matrix("b", 5, 4, 1));
        refused(Arrays.copyOf(good, good.length / 2), "damaged");
        refused(npz(matrix("a", 5, 2, 0)), "1 modality arrays; 2 to 8 are needed");
        refused(withEntry(npz(matrix("a", 5, 2, 0), matrix("b", 5, 2, 0)), "notes.txt"), "a dataset holds only .npy arrays");
        refused(npz(matrix("a", 5, 2, 0), matrix("b", 4, 2, 0)), "the array 'b' has 4 rows but 'a' has 5");
        refused(npz(matrix("a", 5, 2, 0), npy("b", "<f4", new long[] {2, 2}, new double[] {1, Double.NaN, 0, 0})), "'b' has a NaN at row 0, column 1");
        refused(npz(matrix("a", 2, 2, 0), matrix("b", 2, 2, 0), npy("split", "<i8", new long[] {2}, new double[] {0, 5})), "the value 5.0 at row 1");
        refused(npz(matrix("a", 2, 2, 0), npy("b", "<f4", new long[] {2, 2, 1}, new double[4])), "a modality must be a 2-D");
        refused(npz(matrix("a", 2, 2, 0), NpyFiles.raw("b", "{'descr': '<c8', 'fortran_order': False, 'shape': (2, 2), }", "<f8", new double[4])),
                "dtype <c8");
        refused(zip("x/y/", matrix("a", 2, 2, 0), matrix("b", 2, 2, 0)), "nested in folders");
        refused(zip("", matrix("a", 2, 2, 0), new NpyFiles.Npy("../b", matrix("b", 2, 2, 0).bytes())), "spread over several folders");
        byte[] link = Arrays.copyOf(NpyFiles.tarHeader("a.npy", 0, '2'), 512 * 3);
        refused(link, "link or special file");
        byte[] truncated = npz(matrix("a", 5, 2, 0), new NpyFiles.Npy("b", Arrays.copyOf(matrix("b", 5, 2, 0).bytes(), 140)));
        refused(truncated, "'b' is truncated");
    }

    @Test
    void refusesHostileHeadersAndBombsBeforeReadingTheirData() {
        // A header length of 2^31 - 1 (version 2): refused from its length alone.
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        huge.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        huge.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE).array());
        refused(npz(matrix("a", 2, 2, 0), new NpyFiles.Npy("b", huge.toByteArray())), "header has 2147483647 bytes; at most 10000");
        // A shape of 10^5 x 10^5 with no data: refused by the unpacked-size cap, not found truncated after reading.
        refused(npz(matrix("a", 2, 2, 0), NpyFiles.raw("b", "{'descr': '<f4', 'fortran_order': False, 'shape': (30000, 30000), }", "<f4",
                new double[0])), "more than 1048576 bytes of data once unpacked");
        // A zip bomb: 64 MiB of zeros that compress to a few KB.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(matrix("a", 2, 2, 0).bytes());
            zip.putNextEntry(new ZipEntry("b.npy"));
            byte[] header = NpyFiles.raw("b", "{'descr': '<f4', 'fortran_order': False, 'shape': (4194304, 4), }", "<f4", new double[0]).bytes();
            zip.write(header);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(bomb.size()).isLessThan(200_000);
        refused(bomb.toByteArray(), "more than 1048576 bytes of data once unpacked");
    }

    /** The archive with one more entry of that name (three bytes). */
    private static byte[] withEntry(byte[] npz, String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out); java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(npz))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(in.readAllBytes());
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(new byte[3]);
        }
        return out.toByteArray();
    }

    private DatasetArchive.Checked normalise(byte[] upload) throws Exception {
        Path in = folder.resolve("upload");
        Files.write(in, upload);
        return DatasetArchive.normalise(in, folder.resolve("out.npz"), LIMITS);
    }

    private void refused(byte[] upload, String message) {
        assertThatThrownBy(() -> normalise(upload)).isInstanceOf(DatasetArchive.Invalid.class).hasMessageContaining(message);
    }
}
