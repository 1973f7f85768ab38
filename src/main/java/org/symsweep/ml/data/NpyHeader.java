package org.symsweep.ml.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of one .npy array (versions 1 to 3), read with caps before anything is allocated: the header
 * length, the dimensions and the data size are checked against limits, so a hostile header costs nothing.
 * {@code dtype} is the two-letter kind and size ("f4", "i8", ...); {@code dataBytes} what follows the header.
 */
public record NpyHeader(String dtype, ByteOrder order, boolean fortranOrder, long[] shape, long dataBytes) {
    /** NumPy's own default limit for a header it agrees to read (numpy.lib.format, max_header_size). */
    public static final int MAX_HEADER_BYTES = 10_000;
    public static final int MAX_DIMENSIONS = 8;
    /** The dtypes feature files may hold: float, signed and unsigned integers, bool. */
    public static final Set<String> DTYPES = Set.of("f4", "f8", "i1", "u1", "b1", "i2", "u2", "i4", "u4", "i8");

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d{1,2})'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([0-9,\\sL]*)\\)");

    /** A header that cannot be used; the message is plain (it names no file, quotes no header text). */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public int itemSize() {
        return dtype.charAt(1) - '0';
    }

    public long count() {
        return dataBytes / itemSize();
    }

    public String shapeText() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /** Reads the magic and header from {@code in}, leaving it at the first data byte. */
    public static NpyHeader read(InputStream in) throws IOException, Invalid {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Invalid("it is not in .npy format (no NUMPY magic)");
        }
        int major = in.read();
        int minor = in.read();
        if (minor < 0) {
            throw new Invalid("its .npy header is truncated");
        }
        long headerLength;
        if (major == 1) {
            byte[] length = in.readNBytes(2);
            if (length.length < 2) {
                throw new Invalid("its .npy header is truncated");
            }
            headerLength = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            byte[] length = in.readNBytes(4);
            if (length.length < 4) {
                throw new Invalid("its .npy header is truncated");
            }
            headerLength = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new Invalid("it has .npy version " + major + "; versions 1 to 3 are read");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new Invalid("its .npy header has " + headerLength + " bytes; at most " + MAX_HEADER_BYTES + " are read");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new Invalid("its .npy header is truncated");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new Invalid("its .npy header cannot be read (it needs descr, fortran_order and shape)");
        }
        String dtype = descr.group(2) + descr.group(3);
        if (!DTYPES.contains(dtype)) {
            throw new Invalid("it has dtype " + descr.group(1) + dtype + "; float32, float64, int, uint and bool dtypes are read");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String[] parts = shapeText.group(1).split(",");
        long[] shape = Arrays.stream(parts).map(s -> s.strip().replace("L", "")).filter(s -> !s.isEmpty())
                .mapToLong(s -> s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s)).toArray();
        if (shape.length > MAX_DIMENSIONS) {
            throw new Invalid("it has " + shape.length + " dimensions; at most " + MAX_DIMENSIONS + " are read");
        }
        long bytes = dtype.charAt(1) - '0';
        for (long size : shape) {
            if (size > 0 && bytes > Long.MAX_VALUE / size) {
                throw new Invalid("its shape " + Arrays.toString(shape) + " is too large");
            }
            bytes *= size;
        }
        return new NpyHeader(dtype, order, fortran.group(1).equals("True"), shape, bytes);
    }

    /** The value at {@code index} (in items) of a data buffer in this header's dtype and byte order, as a double. */
    public double value(ByteBuffer data, int index) {
        int at = index * itemSize();
        return switch (dtype) {
            case "f4" -> data.getFloat(at);
            case "f8" -> data.getDouble(at);
            case "i1" -> data.get(at);
            case "u1", "b1" -> data.get(at) & 0xff;
            case "i2" -> data.getShort(at);
            case "u2" -> data.getShort(at) & 0xffff;
            case "i4" -> data.getInt(at);
            case "u4" -> data.getInt(at) & 0xffffffffL;
            default -> data.getLong(at);
        };
    }
}
