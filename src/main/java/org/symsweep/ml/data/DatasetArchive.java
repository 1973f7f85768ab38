package org.symsweep.ml.data;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Checks an uploaded dataset and writes it in the one form trials read: a .npz of {@code <array>.npy} entries.
 * Accepted: a .npz (or any .zip) of .npy files, or a .tar of them, at the top level or in one folder, as
 * {@link FeatureFiles} reads them (2 to 8 modality arrays, 2-D, one row per sample; an optional 1-D
 * {@code split} of 0/1/2). Every header, shape, dtype and size is checked against its cap before its data
 * is read, and the data is streamed (never held whole), so a bomb costs at most the caps. Messages are plain:
 * they name the uploader's own arrays, never a server file.
 */
public final class DatasetArchive {
    /** Array names: what a spec or a dashboard can show without escaping. */
    public static final Pattern ARRAY_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    static final int MAX_ENTRIES = 1000;
    /** The most values one array may have: trials hold it as one float[]. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    static final int BLOCK = 512;

    private DatasetArchive() {
    }

    /** What an upload may cost: its arrays' data bytes once unpacked, and how many arrays. */
    public record Limits(long maxUncompressedBytes, int maxArrays) {
    }

    /** One array as stored: its name, dtype ("f4", ...) and shape. */
    public record ArrayInfo(String name, String dtype, List<Long> shape) {
    }

    /** A checked dataset: its arrays (modalities, then split if any), rows per array and unpacked data bytes. */
    public record Checked(List<ArrayInfo> arrays, long rows, long dataBytes) {
    }

    /** An upload that is not a usable dataset; the message says why in the uploader's terms. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Reads {@code upload}, checks it, and writes the normalised .npz to {@code npz} (synced to disk). */
    public static Checked normalise(Path upload, Path npz, Limits limits) throws IOException, Invalid {
        byte[] head;
        try (InputStream in = Files.newInputStream(upload)) {
            head = in.readNBytes(BLOCK);
        }
        try (FileOutputStream file = new FileOutputStream(npz.toFile()); ZipOutputStream out = new ZipOutputStream(file)) {
            out.setLevel(Deflater.BEST_SPEED);
            Writer writer = new Writer(out, limits);
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                readZip(upload, writer);
            } else if (head.length == BLOCK && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
                TarArchive.read(upload, writer::entry);
            } else if (head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N') {
                throw new Invalid("a single .npy array is not a dataset; send a .npz, or a .zip or .tar of a folder of .npy files");
            } else {
                throw new Invalid("the body is neither a .npz/.zip nor a .tar archive");
            }
            Checked checked = writer.finish();
            out.finish();
            file.getFD().sync();
            return checked;
        }
    }

    private static void readZip(Path upload, Writer writer) throws IOException, Invalid {
        try (ZipFile zip = new ZipFile(upload.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new Invalid("the archive has " + zip.size() + " entries; at most " + MAX_ENTRIES + " are read");
            }
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = new ReadGuard(zip.getInputStream(entry))) {
                    writer.entry(entry.getName(), in);
                }
            }
        } catch (ZipException | Damaged e) {
            throw new Invalid("the archive is damaged or not a zip file");
        }
    }

    /** A read of the upload that failed: the client's archive is damaged (writing errors stay the server's). */
    private static final class Damaged extends IOException {
        Damaged(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Marks failures of reading an archive entry, so they can be told from failures of writing the dataset. */
    private static final class ReadGuard extends java.io.FilterInputStream {
        ReadGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new Damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new Damaged(e);
            }
        }
    }

    /** Takes one archive entry; false when it was archive metadata, skipped unread. */
    interface EntryHandler {
        boolean entry(String path, InputStream in) throws IOException, Invalid;
    }

    /** Writes checked arrays into the output .npz and keeps what the dataset will record. */
    private static final class Writer {
        private final ZipOutputStream out;
        private final Limits limits;
        private final Map<String, ArrayInfo> arrays = new LinkedHashMap<>();
        private String folder;
        private long dataBytes;

        Writer(ZipOutputStream out, Limits limits) {
            this.out = out;
            this.limits = limits;
        }

        /** Checks and copies one entry; false when it is archive metadata that is skipped unread. */
        boolean entry(String path, InputStream in) throws IOException, Invalid {
            String normal = path.replace('\\', '/');
            while (normal.startsWith("./")) {
                normal = normal.substring(2);
            }
            int slash = normal.lastIndexOf('/');
            String parent = slash < 0 ? "" : normal.substring(0, slash + 1);
            String file = normal.substring(slash + 1);
            if (normal.startsWith("__MACOSX/") || file.startsWith(".")) {
                return false; // the metadata macOS and some tools add to archives
            }
            if (!file.endsWith(".npy")) {
                throw new Invalid("the archive holds '" + printable(normal) + "'; a dataset holds only .npy arrays");
            }
            String name = file.substring(0, file.length() - 4);
            if (!ARRAY_NAME.matcher(name).matches()) {
                throw new Invalid("the array name '" + printable(name) + "' is not allowed: 1 to 64 letters, digits, '_', '-' or '.', not starting with '.' or '-'");
            }
            if (parent.chars().filter(c -> c == '/').count() > 1) {
                throw new Invalid("the array '" + name + "' is nested in folders; put the .npy files at the top or in one folder");
            }
            if (folder == null) {
                folder = parent;
            } else if (!folder.equals(parent)) {
                throw new Invalid("the arrays are spread over several folders; put them all in one");
            }
            if (arrays.containsKey(name)) {
                throw new Invalid("the array '" + name + "' appears twice");
            }
            if (arrays.size() >= limits.maxArrays()) {
                throw new Invalid("the archive has more than " + limits.maxArrays() + " arrays");
            }
            NpyHeader header;
            try {
                header = NpyHeader.read(in);
            } catch (NpyHeader.Invalid e) {
                throw new Invalid("the array '" + name + "': " + e.getMessage());
            }
            boolean split = name.equals(FeatureFiles.SPLIT);
            int dimensions = split ? 1 : 2;
            if (header.shape().length != dimensions) {
                throw new Invalid("the array '" + name + "' has shape " + header.shapeText() + "; "
                        + (split ? "'split' must be 1-D, one entry per row" : "a modality must be a 2-D (rows x features) matrix"));
            }
            if (Arrays.stream(header.shape()).anyMatch(s -> s < 1)) {
                throw new Invalid("the array '" + name + "' is empty (shape " + header.shapeText() + ")");
            }
            if (header.count() > MAX_VALUES) {
                throw new Invalid("the array '" + name + "' has " + header.count() + " values; at most " + MAX_VALUES + " are read");
            }
            if (header.dataBytes() > limits.maxUncompressedBytes() - dataBytes) {
                throw new Invalid("the arrays hold more than " + limits.maxUncompressedBytes() + " bytes of data once unpacked; at most "
                        + limits.maxUncompressedBytes() + " are accepted");
            }
            dataBytes += header.dataBytes();
            out.putNextEntry(new ZipEntry(name + ".npy"));
            out.write(headerBytes(header));
            copy(name, header, in, split);
            out.closeEntry();
            arrays.put(name, new ArrayInfo(name, header.dtype(), Arrays.stream(header.shape()).boxed().toList()));
            return true;
        }

        /** Copies the data in chunks, checking that features are finite and split values are 0, 1 or 2. */
        private void copy(String name, NpyHeader header, InputStream in, boolean split) throws IOException, Invalid {
            boolean floating = header.dtype().startsWith("f");
            byte[] chunk = new byte[64 * 1024];
            long left = header.dataBytes();
            long index = 0;
            while (left > 0) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
                if (n == 0) {
                    throw new Invalid("the array '" + name + "' is truncated: its header promises " + header.dataBytes() + " bytes of data");
                }
                if (n % header.itemSize() != 0 && n != left) {
                    // readNBytes fills the chunk unless the stream ends, so this happens only at a truncated end
                    throw new Invalid("the array '" + name + "' is truncated: its header promises " + header.dataBytes() + " bytes of data");
                }
                if (floating || split) {
                    ByteBuffer data = ByteBuffer.wrap(chunk, 0, n).order(header.order());
                    for (int i = 0; i < n / header.itemSize(); i++, index++) {
                        double v = header.value(data, i);
                        if (split && v != 0 && v != 1 && v != 2) {
                            throw new Invalid("the array 'split' has the value " + v + " at row " + index
                                    + "; allowed are 0 (train), 1 (validation) and 2 (test)");
                        }
                        if (!Double.isFinite(v)) {
                            throw new Invalid("the array '" + name + "' has " + (Double.isNaN(v) ? "a NaN" : "an infinite value")
                                    + " at row " + (index / header.shape()[1]) + ", column " + (index % header.shape()[1]) + "; features must be finite");
                        }
                    }
                }
                out.write(chunk, 0, n);
                left -= n;
            }
            if (in.read() >= 0) {
                throw new Invalid("the array '" + name + "' has data beyond what its header says");
            }
        }

        Checked finish() throws Invalid {
            List<ArrayInfo> modalities = arrays.values().stream().filter(a -> !a.name().equals(FeatureFiles.SPLIT)).toList();
            if (modalities.size() < FeatureFiles.MIN_MODALITIES || modalities.size() > FeatureFiles.MAX_MODALITIES) {
                throw new Invalid("the dataset has " + modalities.size() + " modality arrays; " + FeatureFiles.MIN_MODALITIES + " to "
                        + FeatureFiles.MAX_MODALITIES + " are needed (plus an optional 'split')");
            }
            long rows = modalities.get(0).shape().get(0);
            for (ArrayInfo array : arrays.values()) {
                if (array.shape().get(0) != rows) {
                    throw new Invalid("the array '" + array.name() + "' has " + array.shape().get(0) + " rows but '" + modalities.get(0).name()
                            + "' has " + rows + "; every array needs one row per sample");
                }
            }
            List<ArrayInfo> ordered = new ArrayList<>(modalities);
            ordered.sort(java.util.Comparator.comparing(ArrayInfo::name));
            if (arrays.containsKey(FeatureFiles.SPLIT)) {
                ordered.add(arrays.get(FeatureFiles.SPLIT));
            }
            return new Checked(ordered, rows, dataBytes);
        }
    }

    /** A version 1.0 .npy header for the checked array (the original may be any version). */
    private static byte[] headerBytes(NpyHeader header) {
        String shape = header.shape().length == 1 ? "(" + header.shape()[0] + ",)" : header.shapeText();
        String order = header.itemSize() == 1 ? "|" : header.order() == java.nio.ByteOrder.BIG_ENDIAN ? ">" : "<";
        String text = "{'descr': '" + order + header.dtype() + "', 'fortran_order': " + (header.fortranOrder() ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int total = 10 + text.length() + 1;
        text = text + " ".repeat((64 - total % 64) % 64) + "\n";
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) body.length).put(body);
        return out.array();
    }

    /** A short, printable rendering of a name from the archive for messages. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 60; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : "?");
        }
        return text.length() > 60 ? out + "..." : out.toString();
    }

}
