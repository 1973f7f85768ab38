package org.symsweep.ml.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.symsweep.ml.data.DatasetArchive.Invalid;

/** The entries of an uploaded .tar, one after another, each bounded to its declared size. */
final class TarArchive {
    private static final int BLOCK = DatasetArchive.BLOCK;
    private static final int MAX_ENTRIES = DatasetArchive.MAX_ENTRIES;

    private TarArchive() {
    }

    /** A plain ustar/GNU/pax reader: regular files and folders only (links and devices are refused). */
    static void read(Path upload, DatasetArchive.EntryHandler writer) throws IOException, Invalid {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(upload))) {
            String longName = null;
            for (int entries = 0; ; entries++) {
                if (entries > MAX_ENTRIES) {
                    throw new Invalid("the archive has more than " + MAX_ENTRIES + " entries");
                }
                byte[] header = in.readNBytes(BLOCK);
                if (header.length < BLOCK) {
                    throw new Invalid("the tar archive is truncated");
                }
                if (allZero(header)) {
                    return;
                }
                String name = text(header, 0, 100);
                String prefix = new String(header, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar") ? text(header, 345, 155) : "";
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                switch (type) {
                    case 'L', 'x', 'g' -> {
                        if (size > 64 * 1024) {
                            throw new Invalid("a tar extended header is larger than 64 KiB");
                        }
                        byte[] body = in.readNBytes((int) size);
                        skip(in, padded - size);
                        if (type == 'L') {
                            longName = text(body, 0, body.length);
                        } else if (type == 'x') {
                            String path = paxPath(body);
                            longName = path != null ? path : longName;
                        }
                    }
                    case '0', '\0', '5' -> {
                        String entryName = longName != null ? longName : name;
                        longName = null;
                        if (type == '5' || entryName.endsWith("/")) {
                            skip(in, padded);
                            continue;
                        }
                        boolean read = writer.entry(entryName, new Bounded(in, size));
                        skip(in, read ? padded - size : padded);
                    }
                    default -> throw new Invalid("the tar archive holds a link or special file; only regular files and folders are read");
                }
            }
        }
    }

    private static String paxPath(byte[] body) {
        String records = new String(body, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static long octal(byte[] header, int offset, int length) throws Invalid {
        if ((header[offset] & 0x80) != 0) {
            throw new Invalid("a tar entry is too large");
        }
        String text = text(header, offset, length).strip();
        if (text.isEmpty()) {
            return 0;
        }
        if (!text.matches("[0-7]{1,11}")) {
            throw new Invalid("the tar archive has a damaged header");
        }
        return Long.parseLong(text, 8);
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void skip(InputStream in, long bytes) throws IOException, Invalid {
        try {
            in.skipNBytes(bytes);
        } catch (java.io.EOFException e) {
            throw new Invalid("the tar archive is truncated");
        }
    }

    /** The first {@code size} bytes of a stream (one tar entry). */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
