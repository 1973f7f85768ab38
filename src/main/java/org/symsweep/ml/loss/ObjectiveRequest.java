package org.symsweep.ml.loss;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** {@code {"embeddings": [modality][row][dim], "logScale": s}}, read from JSON with every type checked. */
public record ObjectiveRequest(double[][][] embeddings, double logScale) {

    public static ObjectiveRequest from(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ObjectiveEvaluation.InvalidEmbeddings("$", "the body must be a JSON object with embeddings and logScale");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("embeddings") && !name.equals("logScale")) {
                throw new ObjectiveEvaluation.InvalidEmbeddings(name, "is not a known field; allowed: embeddings, logScale");
            }
        }
        JsonNode scale = root.get("logScale");
        if (scale == null || !scale.isNumber()) {
            throw new ObjectiveEvaluation.InvalidEmbeddings("logScale", "is required: a number, the log of the logit scale");
        }
        JsonNode modalities = root.get("embeddings");
        if (modalities == null || !modalities.isArray()) {
            throw new ObjectiveEvaluation.InvalidEmbeddings("embeddings", "is required: an array [modality][row][dimension] of numbers");
        }
        double[][][] values = new double[modalities.size()][][];
        for (int m = 0; m < modalities.size(); m++) {
            JsonNode rows = modalities.get(m);
            String at = "embeddings[" + m + "]";
            if (!rows.isArray()) {
                throw new ObjectiveEvaluation.InvalidEmbeddings(at, "must be an array of rows");
            }
            values[m] = new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                String rowAt = at + "[" + i + "]";
                if (!row.isArray()) {
                    throw new ObjectiveEvaluation.InvalidEmbeddings(rowAt, "must be an array of numbers");
                }
                values[m][i] = new double[row.size()];
                for (int d = 0; d < row.size(); d++) {
                    if (!row.get(d).isNumber()) {
                        throw new ObjectiveEvaluation.InvalidEmbeddings(rowAt + "[" + d + "]", "must be a number");
                    }
                    values[m][i][d] = row.get(d).asDouble();
                }
            }
        }
        if (values.length > 0 && values[0].length == 0) {
            throw new ObjectiveEvaluation.InvalidEmbeddings("embeddings[0]", "has no rows; every modality needs at least one");
        }
        return new ObjectiveRequest(values, scale.asDouble());
    }
}
