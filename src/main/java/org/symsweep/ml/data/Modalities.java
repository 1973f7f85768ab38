package org.symsweep.ml.data;

import java.util.List;

/**
 * Rows of paired samples: modality m is an (n x widths[m]) row-major float matrix; row i of every
 * modality belongs to the same sample.
 */
public record Modalities(List<float[]> values, int[] widths, int rows) {
    public Modalities {
        values = List.copyOf(values);
        widths = widths.clone();
        if (values.size() != widths.length) {
            throw new IllegalArgumentException(values.size() + " modalities but " + widths.length + " widths");
        }
        for (int m = 0; m < widths.length; m++) {
            if ((long) rows * widths[m] != values.get(m).length) {
                throw new IllegalArgumentException("modality " + m + " holds " + values.get(m).length
                        + " values, not " + rows + " x " + widths[m]);
            }
        }
    }

    public int count() {
        return widths.length;
    }

    public int width(int m) {
        return widths[m];
    }

    /** The given rows of every modality, in the given order. */
    public Modalities select(int[] rowIndices) {
        List<float[]> selected = new java.util.ArrayList<>(count());
        for (int m = 0; m < count(); m++) {
            int w = widths[m];
            float[] source = values.get(m);
            float[] target = new float[rowIndices.length * w];
            for (int i = 0; i < rowIndices.length; i++) {
                System.arraycopy(source, rowIndices[i] * w, target, i * w, w);
            }
            selected.add(target);
        }
        return new Modalities(selected, widths, rowIndices.length);
    }
}
