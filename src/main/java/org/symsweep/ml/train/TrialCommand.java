package org.symsweep.ml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code trial SPEC.json [--threads N] [--quiet]}: runs one trial (on every core unless told otherwise) without the server and prints its
 * result as JSON on standard output (epoch lines go to standard error unless --quiet). Exit code 0 when
 * the trial completed, 3 when it diverged, 2 for a bad spec or file.
 */
public final class TrialCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrialCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1) {
            err.println("usage: trial SPEC.json [--threads N] [--quiet]");
            return 2;
        }
        // A trial run alone may use every core. (Small models gain little from a second thread: the engine's
        // per-operation cost dominates; XOR's 1000 x 1000 logits do gain.)
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        boolean quiet = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--threads") && i + 1 < args.length) {
                threads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--quiet")) {
                quiet = true;
            } else {
                err.println("unknown option " + args[i]);
                return 2;
            }
        }
        try {
            TrialSpec spec = TrialSpecReader.read(JSON.readTree(Files.readString(Path.of(args[0]))));
            Trainer.useThreads(threads);
            boolean verbose = !quiet;
            TrialResult result = Trainer.run(spec, metrics -> {
                if (verbose) {
                    err.printf("epoch %3d  train_loss %.4f  val_loss %.4f  val_top1 %.4f  scale %.3f%s  (%.1f s)%n",
                            metrics.epoch(), metrics.trainLoss(), metrics.validationLoss(), metrics.validationTop1(), metrics.logitScale(),
                            Double.isNaN(metrics.gateAlpha()) ? "" : String.format("  alpha %.3f  T %.3f", metrics.gateAlpha(), metrics.gateTemperature()),
                            metrics.seconds());
                }
            });
            out.println(JSON.writeValueAsString(asJson(result)));
            return result.outcome() == TrialResult.Outcome.DIVERGED ? 3 : 0;
        } catch (TrialSpecReader.InvalidTrialSpec e) {
            err.println("invalid trial spec: " + e.getMessage());
            return 2;
        } catch (org.symsweep.ml.data.FeatureFileException e) {
            err.println("unusable feature file: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    static Map<String, Object> asJson(TrialResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", result.outcome());
        json.put("metrics", result.metrics());
        if (result.reason() != null) {
            json.put("reason", result.reason());
        }
        json.put("seconds", result.seconds());
        json.put("epochs", result.epochs().stream().map(EpochMetrics::byName).toList());
        return json;
    }
}
