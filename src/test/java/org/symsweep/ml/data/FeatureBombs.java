package org.symsweep.ml.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hostile feature files, written byte by byte as an attacker would: each small on disk, huge if believed. */
public final class FeatureBombs {
    private FeatureBombs() {
    }

    /** A .npy header (version 1, or 2 for {@code headerLength} past 65535) declaring {@code shape} of {@code dtype}. */
    public static byte[] header(String dtype, long... shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String text = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + dims.toString().strip() + "), }";
        int total = 10 + text.length() + 1;
        text = text + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) text.length()).array());
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A version-2 .npy whose header length field says 2^31 - 1 bytes; the file itself is 64 bytes. */
    public static byte[] headerLengthBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE).array());
        out.writeBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A folder with two small valid arrays and {@code bomb} as a third. */
    public static Path folderWith(Path folder, byte[] bomb) throws IOException {
        Files.createDirectories(folder);
        for (String name : new String[] {"a", "b"}) {
            ByteArrayOutputStream array = new ByteArrayOutputStream();
            array.writeBytes(header("<f4", 4, 2));
            array.writeBytes(new byte[4 * 2 * 4]);
            Files.write(folder.resolve(name + ".npy"), array.toByteArray());
        }
        Files.write(folder.resolve("c.npy"), bomb);
        return folder;
    }

    /**
     * A .npz with one array of {@code rows} x 4 float32 zeros, deflated: about 1/1000 of its size on disk, and
     * the archive declares its true uncompressed size.
     */
    public static Path zipBomb(Path file, long rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(header("<f4", rows, 4));
            byte[] zeros = new byte[1 << 20];
            for (long left = rows * 16; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("b.npy"));
            zip.write(header("<f4", rows, 4));
            zip.closeEntry();
        }
        return file;
    }

    /**
     * A .npz whose one entry says (in the central directory, which readers trust) that it holds
     * {@code declared} bytes, while it inflates to an array of {@code rows} x 1 float32 values.
     */
    public static Path lyingZip(Path file, long rows, int declared) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(header("<f4", rows, 1));
            zip.write(new byte[(int) (rows * 4)]);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("b.npy"));
            zip.write(header("<f4", 2, 1));
            zip.write(new byte[8]);
            zip.closeEntry();
        }
        byte[] archive = bytes.toByteArray();
        ByteBuffer buffer = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < archive.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && new String(archive, i + 46, 5, StandardCharsets.ISO_8859_1).equals("a.npy")) {
                buffer.putInt(i + 24, declared); // uncompressed size of the first entry
            }
        }
        Files.write(file, archive);
        return file;
    }
}
