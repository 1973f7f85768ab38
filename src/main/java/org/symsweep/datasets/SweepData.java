package org.symsweep.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.symsweep.store.SymsweepHome;
import org.symsweep.sweep.Benchmark;
import org.symsweep.sweep.FieldError;
import org.symsweep.sweep.InvalidSpecException;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.SweepSpecParser;

/**
 * Decides what data a sweep may read. When a sweep is posted (or planned): a dataset name must be one of the
 * sweep's project's datasets, and is pinned by writing its id into the stored spec; a server path must be
 * allowed by the data roots. When a trial starts, the same checks are made again and the spec is pointed at
 * the file to read.
 */
@ApplicationScoped
public class SweepData {
    private final DatasetStore store;
    private final Datasets datasets;
    private final DataRoots roots;

    public SweepData(DatasetStore store, Datasets datasets,
                     @ConfigProperty(name = "symsweep.data.roots") Optional<List<String>> roots) {
        this.store = store;
        this.datasets = datasets;
        // Symsweep's own home (its database, its datasets) is never a data root's, whatever the roots say.
        this.roots = DataRoots.of(roots.orElse(List.of()), List.of(SymsweepHome.resolve(), datasets.folder()));
    }

    public DataRoots roots() {
        return roots;
    }

    /** Whether the spec reads a dataset or a server path (and so needs a project or the roots to check it). */
    public static boolean readsData(SweepSpec spec) {
        return spec.benchmark().dataset().isPresent() || spec.benchmark().featuresPath().isPresent();
    }

    /**
     * Checks the spec's data for a sweep of {@code projectId}; returns the document to store, with the dataset's
     * id pinned. A dataset of another project is refused exactly as a missing one.
     */
    public JsonNode resolve(SweepSpec spec, JsonNode document, long projectId) {
        Benchmark benchmark = spec.benchmark();
        if (benchmark.dataset().isPresent()) {
            String name = benchmark.dataset().get();
            DatasetStore.Dataset dataset = store.byName(projectId, name).orElseThrow(() -> new InvalidSpecException(List.of(
                    new FieldError("benchmark.dataset", "the project has no dataset named '" + name + "'"))));
            ObjectNode pinned = document.deepCopy();
            pinned.with("benchmark").put(SweepSpecParser.DATASET_ID, dataset.id());
            return pinned;
        }
        if (benchmark.featuresPath().isPresent()) {
            try {
                roots.check(benchmark.featuresPath().get());
            } catch (DataRoots.NotAllowed e) {
                throw new InvalidSpecException(List.of(new FieldError("benchmark.path", e.getMessage())));
            }
        }
        return document;
    }

    /** Data a trial cannot read; the message is plain (no file names) and shown with the trial. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The spec pointed at the file its trials read, checked again now. */
    public SweepSpec forTrial(SweepSpec spec) {
        Benchmark benchmark = spec.benchmark();
        String file;
        if (benchmark.dataset().isPresent()) {
            long id = benchmark.datasetId().orElseThrow(() -> new Unavailable("the sweep's dataset was never resolved"));
            if (store.find(id).isEmpty()) {
                throw new Unavailable("the dataset '" + benchmark.dataset().get() + "' has been deleted");
            }
            Path stored = datasets.file(id);
            if (!Files.isReadable(stored)) {
                throw new Unavailable("the dataset '" + benchmark.dataset().get() + "' has no file on this node"
                        + " (in a cluster, the datasets folder must be shared by every node)");
            }
            file = stored.toString();
        } else if (benchmark.featuresPath().isPresent()) {
            try {
                file = roots.check(benchmark.featuresPath().get()).toString();
            } catch (DataRoots.NotAllowed e) {
                throw new Unavailable("the sweep's data path is " + e.getMessage());
            }
        } else {
            return spec;
        }
        return new SweepSpec(spec.name(), benchmark.withFeaturesFile(file), spec.variants(), spec.conditions(), spec.search(), spec.seeds(),
                spec.training(), spec.objective(), spec.limits(), spec.racing());
    }
}
