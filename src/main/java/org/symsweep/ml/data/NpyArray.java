package org.symsweep.ml.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One array read from NumPy's .npy format (versions 1 to 3), converted to float. Only what feature
 * files need: numeric dtypes, C or Fortran order, any shape.
 */
public record NpyArray(String name, long[] shape, float[] values) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    public int dimensions() {
        return shape.length;
    }

    public static NpyArray read(String name, InputStream in) throws IOException, FeatureFileException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new FeatureFileException("array '" + name + "' is not in .npy format (no NUMPY magic)", "an array is not in .npy format");
        }
        int major = in.read();
        in.read(); // minor version
        int headerLength;
        if (major == 1) {
            headerLength = ByteBuffer.wrap(in.readNBytes(2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            headerLength = ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new FeatureFileException("array '" + name + "' has .npy version " + major + "; versions 1 to 3 are read",
                    "an array has .npy version " + major + "; versions 1 to 3 are read");
        }
        String header = new String(in.readNBytes(headerLength), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            // The header's text is not quoted: a file that is not an array must not be shown through this message.
            throw new FeatureFileException("array '" + name + "' has an unreadable .npy header", "an array has an unreadable .npy header");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.group(2).charAt(0);
        int itemSize = Integer.parseInt(descr.group(3));
        long[] shape = Arrays.stream(shapeText.group(1).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        if (count > MAX_VALUES) {
            throw new FeatureFileException("array '" + name + "' has " + count + " values; at most " + MAX_VALUES + " are read",
                    "an array has " + count + " values; at most " + MAX_VALUES + " are read");
        }
        ByteBuffer data = ByteBuffer.wrap(readExactly(in, count * itemSize, name)).order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (kind + Integer.toString(itemSize)) {
                case "f4" -> data.getFloat();
                case "f8" -> (float) data.getDouble();
                case "i1" -> data.get();
                case "u1", "b1" -> data.get() & 0xff;
                case "i2" -> data.getShort();
                case "u2" -> data.getShort() & 0xffff;
                case "i4" -> data.getInt();
                case "u4" -> data.getInt() & 0xffffffffL;
                case "i8" -> data.getLong();
                default -> throw new FeatureFileException("array '" + name + "' has dtype " + descr.group(1) + kind + itemSize
                        + "; float32, float64, int, uint and bool dtypes are read",
                        "an array has dtype " + descr.group(1) + kind + itemSize + "; float32, float64, int, uint and bool dtypes are read");
            };
        }
        if (Boolean.parseBoolean(fortran.group(1).toLowerCase()) && shape.length == 2) {
            values = transpose(values, (int) shape[1], (int) shape[0]);
        } else if (Boolean.parseBoolean(fortran.group(1).toLowerCase()) && shape.length > 2) {
            throw new FeatureFileException("array '" + name + "' is in Fortran order with " + shape.length
                    + " dimensions; save it in C order (numpy.ascontiguousarray)",
                    "an array is in Fortran order with " + shape.length + " dimensions; save it in C order (numpy.ascontiguousarray)");
        }
        return new NpyArray(name, shape, values);
    }

    private static byte[] readExactly(InputStream in, long bytes, String name) throws IOException, FeatureFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bytes, 1 << 20));
        long copied = in.transferTo(out);
        if (copied < bytes) {
            throw new FeatureFileException("array '" + name + "' is truncated: its header promises " + bytes
                    + " bytes of data, the file has " + copied, "an array is truncated: its header promises " + bytes
                    + " bytes of data, the file has " + copied);
        }
        byte[] all = out.toByteArray();
        return all.length == bytes ? all : Arrays.copyOf(all, (int) bytes);
    }

    /** Fortran order stores columns one after another: (cols x rows) row-major, transposed. */
    private static float[] transpose(float[] columnMajor, int rows, int cols) {
        float[] rowMajor = new float[columnMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                rowMajor[r * cols + c] = columnMajor[c * rows + r];
            }
        }
        return rowMajor;
    }
}
