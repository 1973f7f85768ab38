package org.symsweep.datasets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders an administrator lets sweeps read by path ({@code symsweep.data.roots}); none by default, which
 * allows no server path at all. A path is allowed when, with every symlink resolved, it and (for a folder) each
 * of its .npy files lie inside a root and outside {@code forbidden} (Symsweep's own home, where its database
 * lives), and it is readable. Every refusal, whatever its cause, is the one {@link NotAllowed} message, so that
 * asking is no way to learn which files exist.
 */
public final class DataRoots {
    public static final String NOT_ALLOWED = "not allowed or not found: a server path must name a readable .npz file or folder of .npy files"
            + " under a data root the administrator configured";
    private static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_FOLDER_FILES = 1000;

    private final List<Path> roots;
    private final List<Path> forbidden;

    private DataRoots(List<Path> roots, List<Path> forbidden) {
        this.roots = List.copyOf(roots);
        this.forbidden = List.copyOf(forbidden);
    }

    /**
     * The roots as configured (relative ones against the working folder). They are resolved (symlinks too) at
     * each check, so a root created after start counts, and one that does not exist allows nothing.
     */
    public static DataRoots of(List<String> configured, List<Path> forbidden) {
        List<Path> roots = configured.stream().filter(r -> r != null && !r.isBlank())
                .map(r -> Path.of(r.strip()).toAbsolutePath().normalize()).toList();
        return new DataRoots(roots, forbidden.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    }

    public List<Path> roots() {
        return roots;
    }

    /** A refusal of a server path: always {@link #NOT_ALLOWED}. */
    public static final class NotAllowed extends Exception {
        public NotAllowed() {
            super(NOT_ALLOWED, null, false, false);
        }
    }

    /** The real path the text names, if it is allowed; else {@link NotAllowed}. */
    public Path check(String text) throws NotAllowed {
        if (roots.isEmpty() || text == null || text.isBlank() || text.length() > MAX_PATH_LENGTH
                || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new NotAllowed();
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new NotAllowed();
        }
        if (!path.isAbsolute()) {
            throw new NotAllowed();
        }
        Path real = inside(path);
        if (Files.isRegularFile(real) && real.getFileName().toString().endsWith(".npz") && Files.isReadable(real)) {
            return real;
        }
        if (Files.isDirectory(real) && Files.isReadable(real)) {
            int files = 0;
            try (DirectoryStream<Path> arrays = Files.newDirectoryStream(real, "*.npy")) {
                for (Path array : arrays) {
                    if (++files > MAX_FOLDER_FILES) {
                        throw new NotAllowed();
                    }
                    Path target = inside(array);
                    if (!Files.isRegularFile(target) || !Files.isReadable(target)) {
                        throw new NotAllowed();
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new NotAllowed();
            }
            return real;
        }
        throw new NotAllowed();
    }

    /** The path with every symlink resolved, when that lies inside a root and outside every forbidden folder. */
    private Path inside(Path path) throws NotAllowed {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new NotAllowed();
        }
        List<Path> realRoots = roots.stream().map(DataRoots::real).flatMap(java.util.Optional::stream).toList();
        List<Path> excluded = forbidden.stream().map(p -> real(p).orElse(p)).toList();
        if (realRoots.stream().noneMatch(real::startsWith) || excluded.stream().anyMatch(real::startsWith)) {
            throw new NotAllowed();
        }
        return real;
    }

    private static java.util.Optional<Path> real(Path path) {
        try {
            return java.util.Optional.of(path.toRealPath());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
