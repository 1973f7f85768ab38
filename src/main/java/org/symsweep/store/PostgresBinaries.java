package org.symsweep.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where zonky unpacked the PostgreSQL binaries, so that Symsweep can run {@code postgres --single} and
 * {@code pg_ctl} itself. Zonky unpacks into {@code <folder>/PG-<md5 of the archive>}; this resolver hands
 * zonky the archive and notes its digest on the way. One resolver per folder: zonky caches per resolver.
 */
final class PostgresBinaries implements PgBinaryResolver {
    private static final Map<Path, PostgresBinaries> BY_FOLDER = new ConcurrentHashMap<>();

    private final Path folder;
    private volatile String md5;

    private PostgresBinaries(Path folder) {
        this.folder = folder;
    }

    /** The resolver for binaries unpacked under {@code folder} (zonky's default temporary folder when null). */
    static PostgresBinaries in(Path folder) {
        Path resolved = folder != null ? folder
                : Path.of(System.getProperty("ot.epg.working-dir",
                        new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
        return BY_FOLDER.computeIfAbsent(resolved.toAbsolutePath(), PostgresBinaries::new);
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        if (archive == null) {
            return null;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        return new DigestInputStream(archive, digest) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) { // zonky closes it twice; the second digest would be of nothing
                    closed = true;
                    md5 = HexFormat.of().formatHex(digest.digest());
                }
            }
        };
    }

    /** The command line of one PostgreSQL program; as root inside a user namespace, as zonky runs them. */
    List<String> command(String program, List<String> arguments) {
        if (md5 == null) {
            throw new IllegalStateException("the PostgreSQL binaries have not been unpacked yet");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(folder.resolve("PG-" + md5).resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    /** Zonky's override for its working folder: null keeps its default. */
    File zonkyFolder() {
        return folder.toFile();
    }
}
