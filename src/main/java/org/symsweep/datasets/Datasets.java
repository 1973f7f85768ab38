package org.symsweep.datasets;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.symsweep.ml.data.DatasetArchive;
import org.symsweep.store.SymsweepHome;

/**
 * Project datasets on disk and in the database. An upload is streamed to a temporary file (counted against the
 * size limit as it arrives), checked and normalised into a second temporary file, synced, renamed to
 * {@code <id>.npz}, and only then inserted: a row always has its file, and a crash leaves at most an unlisted
 * file, removed as an orphan later.
 */
@ApplicationScoped
public class Datasets {
    private static final Logger LOG = Logger.getLogger(Datasets.class);
    static final String INCOMING = ".incoming-";

    private final DatasetStore store;
    private final Path folder;
    private final long maxUploadBytes;
    private final DatasetArchive.Limits limits;
    private final int maxPerProject;
    private final Duration orphanAge;
    private final Semaphore uploads;
    private final long minFreeBytes;

    public Datasets(DatasetStore store,
                    @ConfigProperty(name = "symsweep.datasets.dir") Optional<String> dir,
                    @ConfigProperty(name = "symsweep.datasets.max-upload-size", defaultValue = "256M") MemorySize maxUpload,
                    @ConfigProperty(name = "symsweep.datasets.max-data-size", defaultValue = "1G") MemorySize maxData,
                    @ConfigProperty(name = "symsweep.datasets.max-per-project", defaultValue = "100") int maxPerProject,
                    @ConfigProperty(name = "symsweep.datasets.uploads-at-once", defaultValue = "2") int uploadsAtOnce,
                    @ConfigProperty(name = "symsweep.datasets.orphan-age", defaultValue = "15m") Duration orphanAge,
                    @ConfigProperty(name = "symsweep.datasets.min-free-space", defaultValue = "2G") MemorySize minFree) {
        this.minFreeBytes = minFree.asLongValue();
        this.store = store;
        this.folder = dir.filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath()).orElse(SymsweepHome.resolve().resolve("datasets"));
        this.maxUploadBytes = maxUpload.asLongValue();
        this.limits = new DatasetArchive.Limits(maxData.asLongValue(), org.symsweep.ml.data.FeatureFiles.MAX_MODALITIES + 1);
        this.maxPerProject = maxPerProject;
        this.orphanAge = orphanAge;
        this.uploads = new Semaphore(Math.max(1, uploadsAtOnce));
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    public Path folder() {
        return folder;
    }

    /** The stored file of a dataset. */
    public Path file(long id) {
        return folder.resolve(id + ".npz");
    }

    /** Why an upload was refused: the status to answer, the field, and a plain message. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String field;

        Refused(int status, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }

        public int status() {
            return status;
        }

        public String field() {
            return field;
        }
    }

    /** Checks the name and the project's room before any byte of the body is read. */
    public void checkRoom(long projectId, String name) {
        if (store.nameTaken(projectId, name)) {
            throw new Refused(409, "name", "the project has a dataset named '" + name + "'; delete it first or choose another name");
        }
        if (store.ofProject(projectId).size() >= maxPerProject) {
            throw new Refused(409, "project", "the project has " + maxPerProject + " datasets, the most allowed; delete one first");
        }
        // The datasets usually share a disk with the database, which stops when it cannot write: keep a reserve free.
        try {
            long usable = Files.getFileStore(Files.createDirectories(folder)).getUsableSpace();
            if (usable - maxUploadBytes - limits.maxUncompressedBytes() < minFreeBytes) {
                throw new Refused(503, null, "the server's disk is nearly full (" + (usable >> 20) + " MiB free; an upload may need "
                        + ((maxUploadBytes + limits.maxUncompressedBytes()) >> 20) + " MiB and " + (minFreeBytes >> 20)
                        + " MiB are kept free, symsweep.datasets.min-free-space); ask an administrator to make room");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the uploaded body as the project's dataset {@code name}; refusals leave nothing behind. */
    public DatasetStore.Dataset upload(long projectId, String name, InputStream body, Long uploader) {
        checkRoom(projectId, name);
        if (!uploads.tryAcquire()) {
            throw new Refused(429, null, "the server is checking other uploads; try again in a moment");
        }
        Path raw = null;
        Path npz = null;
        Path stored = null;
        try {
            Files.createDirectories(folder);
            cleanOrphans();
            String token = UUID.randomUUID().toString();
            raw = folder.resolve(INCOMING + token);
            npz = folder.resolve(INCOMING + token + ".npz");
            long bytes = receive(body, raw);
            DatasetArchive.Checked checked;
            try {
                checked = DatasetArchive.normalise(raw, npz, limits);
            } catch (DatasetArchive.Invalid e) {
                throw new Refused(400, "body", e.getMessage());
            }
            Files.delete(raw);
            raw = null;
            long id = store.nextId();
            stored = file(id);
            Files.move(npz, stored, StandardCopyOption.ATOMIC_MOVE);
            npz = null;
            syncFolder();
            if (!store.insert(id, projectId, name, Files.size(stored), checked, uploader)) {
                throw new Refused(409, "name", "the project has a dataset named '" + name + "'; delete it first or choose another name");
            }
            LOG.infof("dataset %d stored for project %d (%d bytes received)", id, projectId, bytes);
            stored = null;
            return store.find(id).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("storing an upload failed", e);
        } finally {
            uploads.release();
            deleteQuietly(raw);
            deleteQuietly(npz);
            deleteQuietly(stored);
        }
    }

    /** Copies the body to disk, refusing it (413) as soon as it passes the limit. */
    private long receive(InputStream body, Path raw) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    // The client went away, or the HTTP layer's own cap ended the body: either way nothing is kept.
                    throw new Refused(400, "body", "the upload ended before its body was complete");
                }
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > maxUploadBytes) {
                    throw new Refused(413, "body", tooLarge(-1));
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new Refused(400, "body", "the body is empty; send the dataset's .npz, .zip or .tar file as the request body");
        }
        return total;
    }

    /** The refusal of an upload past the limit; {@code bytes} is its declared length, or -1 when it is still arriving. */
    public String tooLarge(long bytes) {
        return "the upload " + (bytes >= 0 ? "has " + bytes + " bytes" : "is larger than that") + "; at most " + maxUploadBytes
                + " bytes are accepted (symsweep.datasets.max-upload-size)";
    }

    /** Deletes a dataset unless trials still need it; the file goes after the row. */
    public DatasetStore.Deletion delete(long id) {
        DatasetStore.Deletion deletion = store.delete(id);
        if (deletion.deleted()) {
            deleteQuietly(file(id));
        }
        return deletion;
    }

    void onStart(@Observes StartupEvent start) {
        try {
            if (Files.isDirectory(folder)) {
                cleanOrphans();
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not look for orphan dataset files: %s", e.getMessage());
        }
    }

    /**
     * Removes what a crash can leave: temporary uploads, and stored files without a row. Only files older than
     * {@code symsweep.datasets.orphan-age}, so an upload another node is finishing in a shared folder is left alone.
     */
    public int cleanOrphans() {
        Instant before = Instant.now().minus(orphanAge);
        Set<Long> ids = store.ids();
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean incoming = name.startsWith(INCOMING);
                boolean orphan = name.matches("[0-9]{1,19}\\.npz") && !ids.contains(Long.parseLong(name.substring(0, name.length() - 4)));
                if ((incoming || orphan) && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the datasets folder failed", e);
        }
        if (removed > 0) {
            LOG.infof("removed %d orphan dataset files", removed);
        }
        return removed;
    }

    private void syncFolder() {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("syncing the datasets folder is not supported here: %s", e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("could not delete a temporary dataset file: %s", e.getMessage());
            }
        }
    }
}
