package org.symsweep.ml.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Arrays and archives written as numpy.save, numpy.savez and tar write them, for tests. */
public final class NpyFiles {
    private NpyFiles() {
    }

    /** One named .npy file's bytes. */
    public record Npy(String name, byte[] bytes) {
    }

    public static Npy npy(String name, String dtype, long[] shape, double[] values) {
        StringBuilder shapeText = new StringBuilder("(");
        for (long s : shape) {
            shapeText.append(s).append(", ");
        }
        String shapeString = shape.length == 1 ? "(" + shape[0] + ",)" : shapeText.substring(0, shapeText.length() - 2) + ")";
        return raw(name, "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeString + ", }", dtype, values);
    }

    /** An array with the given header text (padded as numpy pads it) and values in the dtype. */
    public static Npy raw(String name, String header, String dtype, double[] values) {
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
                case "<i4" -> data.putInt((int) v);
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        out.writeBytes(data.array());
        return new Npy(name, out.toByteArray());
    }

    /** Rows x cols of float32 values i * 0.01 + column, a small learnable pattern is not needed. */
    public static Npy matrix(String name, int rows, int cols, double offset) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i * 0.37 + offset);
        }
        return npy(name, "<f4", new long[] {rows, cols}, values);
    }

    /** A .npz (zip) of the arrays, each as {@code folder + name + ".npy"}. */
    public static byte[] zip(String folder, Npy... arrays) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Npy array : arrays) {
                zip.putNextEntry(new ZipEntry(folder + array.name() + ".npy"));
                zip.write(array.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] npz(Npy... arrays) {
        return zip("", arrays);
    }

    /** A ustar archive of the arrays under {@code folder}, as {@code tar cf} writes it (with a folder entry). */
    public static byte[] tar(String folder, Npy... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!folder.isEmpty()) {
            out.writeBytes(tarHeader(folder, 0, '5'));
        }
        for (Npy array : arrays) {
            out.writeBytes(tarHeader(folder + array.name() + ".npy", array.bytes().length, '0'));
            out.writeBytes(array.bytes());
            out.writeBytes(new byte[(512 - array.bytes().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    public static byte[] tarHeader(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
