package org.symsweep.ml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.symsweep.ml.loss.ObjectiveEvaluation;
import org.symsweep.ml.loss.ObjectiveRequest;

/**
 * {@code evaluate FILE.json}: the same as POST /api/objectives/evaluate, without the server. Prints the
 * result as JSON; exit code 2 for a bad file, naming the field.
 */
public final class EvaluateCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: evaluate FILE.json   (FILE: {\"embeddings\": [modality][row][dim], \"logScale\": s})");
            return 2;
        }
        try {
            ObjectiveRequest request = ObjectiveRequest.from(JSON.readTree(Files.readString(Path.of(args[0]))));
            out.println(JSON.writeValueAsString(ObjectiveEvaluation.evaluate(request.embeddings(), request.logScale())));
            return 0;
        } catch (ObjectiveEvaluation.InvalidEmbeddings e) {
            err.println(e.field() + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }
}
