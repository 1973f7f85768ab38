package org.symsweep.ml.data;

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
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d{1,2})'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Java arrays end here, whatever the limits say. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final java.util.Set<String> READABLE = java.util.Set.of("f4", "f8", "i1", "u1", "b1", "i2", "u2", "i4", "u4", "i8");

    public int dimensions() {
        return shape.length;
    }

    /** What a .npy header declares: enough to know an array's size before reading its data. */
    public record Header(String name, char kind, int itemSize, ByteOrder order, boolean fortran, long[] shape, long values) {
        public long dataBytes() {
            return values * itemSize;
        }
    }

    public static NpyArray read(String name, InputStream in) throws IOException, FeatureFileException {
        return read(name, in, FeatureLimits.configured());
    }

    public static NpyArray read(String name, InputStream in, FeatureLimits limits) throws IOException, FeatureFileException {
        Header header = readHeader(name, in, limits);
        long count = header.values();
        // Read exactly the promised bytes, no more: the size was checked against the limits above.
        byte[] bytes = in.readNBytes(Math.toIntExact(header.dataBytes()));
        if (bytes.length < header.dataBytes()) {
            throw new FeatureFileException("array '" + name + "' is truncated: its header promises " + header.dataBytes()
                    + " bytes of data, the file has " + bytes.length);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(header.order());
        char kind = header.kind();
        int itemSize = header.itemSize();
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
                default -> throw new IllegalStateException("dtype checked by readHeader");
            };
        }
        long[] shape = header.shape();
        if (header.fortran() && shape.length == 2) {
            values = transpose(values, (int) shape[1], (int) shape[0]);
        }
        return new NpyArray(name, shape, values);
    }

    /**
     * Reads and checks the header only: magic, version, header length, dtype, order and shape, and the
     * array's size against {@code limits}. Nothing larger than the (capped) header is allocated.
     */
    public static Header readHeader(String name, InputStream in, FeatureLimits limits) throws IOException, FeatureFileException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new FeatureFileException("array '" + name + "' is not in .npy format (no NUMPY magic)");
        }
        int major = in.read();
        in.read(); // minor version
        long headerLength;
        if (major == 1) {
            headerLength = ByteBuffer.wrap(readFully(in, 2, name)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            headerLength = ByteBuffer.wrap(readFully(in, 4, name)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new FeatureFileException("array '" + name + "' has .npy version " + major + "; versions 1 to 3 are read");
        }
        if (headerLength > limits.maxHeaderBytes()) {
            throw new FeatureLimitExceeded("array '" + name + "' declares a header of " + headerLength + " bytes; at most "
                    + limits.maxHeaderBytes() + " are read (symsweep.limits.features.max-header-bytes)", "max-header-bytes");
        }
        String header = new String(readFully(in, (int) headerLength, name), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new FeatureFileException("array '" + name + "' has an unreadable .npy header");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.group(2).charAt(0);
        int itemSize = Integer.parseInt(descr.group(3));
        if (!READABLE.contains(kind + Integer.toString(itemSize))) {
            throw new FeatureFileException("array '" + name + "' has dtype " + descr.group(1) + kind + itemSize
                    + "; float32, float64, int, uint and bool dtypes are read");
        }
        String[] dims = shapeText.group(1).split(",");
        long[] shape = new long[dims.length];
        int d = 0;
        long count = 1;
        for (String dim : dims) {
            if (dim.isBlank()) {
                continue;
            }
            if (!dim.strip().matches("\\d{1,18}")) {
                throw new FeatureFileException("array '" + name + "' has an unreadable shape in its .npy header");
            }
            shape[d] = Long.parseLong(dim.strip());
            // Saturates instead of overflowing; any product past the limit is refused below anyway.
            count = shape[d] == 0 || count == 0 ? 0 : (count > Long.MAX_VALUE / shape[d] ? Long.MAX_VALUE : count * shape[d]);
            d++;
        }
        shape = Arrays.copyOf(shape, d);
        if (count > limits.maxArrayValues()) {
            throw new FeatureLimitExceeded("array '" + name + "' has " + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : count)
                    + " values; at most " + limits.maxArrayValues() + " are read (symsweep.limits.features.max-array-values)",
                    "max-array-values");
        }
        if (count * itemSize > Math.min(limits.maxArrayBytes(), MAX_VALUES)) {
            throw new FeatureLimitExceeded("array '" + name + "' has " + count * itemSize + " bytes of data; at most "
                    + Math.min(limits.maxArrayBytes(), MAX_VALUES) + " are read (symsweep.limits.features.max-array-bytes)",
                    "max-array-bytes");
        }
        boolean fortranOrder = fortran.group(1).equals("True");
        if (fortranOrder && shape.length > 2) {
            throw new FeatureFileException("array '" + name + "' is in Fortran order with " + shape.length
                    + " dimensions; save it in C order (numpy.ascontiguousarray)");
        }
        return new Header(name, kind, itemSize, order, fortranOrder, shape, count);
    }

    private static byte[] readFully(InputStream in, int bytes, String name) throws IOException, FeatureFileException {
        byte[] read = in.readNBytes(bytes);
        if (read.length < bytes) {
            throw new FeatureFileException("array '" + name + "' is truncated in its .npy header");
        }
        return read;
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
