package org.symsweep.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.EngineTest;

class ParameterSetTest extends EngineTest {

    @Test
    void eachParameterViewSendsItsGradientToItsOwnPlaceInTheGroupBuffer() {
        ParameterSet parameters = new ParameterSet();
        ParameterSet.Ref first = parameters.trainable("first", ParameterGroup.MODEL, new Shape(2, 2), new float[] {1, 2, 3, 4});
        ParameterSet.Ref unused = parameters.trainable("unused", ParameterGroup.MODEL, new Shape(2), new float[] {9, 9});
        ParameterSet.Ref last = parameters.trainable("last", ParameterGroup.MODEL, new Shape(3), new float[] {5, 6, 7});
        ParameterSet.Ref gate = parameters.trainable("gate", ParameterGroup.GATE, new Shape(1), new float[] {0.5f});
        parameters.build(manager);
        boolean gradMode = JniUtils.isGradMode();
        try (NDManager step = manager.newSubManager()) {
            parameters.persistentArrays().forEach(array -> array.tempAttach(step));
            JniUtils.setGradMode(true);
            NDArray a = parameters.value(first, step);
            NDArray b = parameters.value(last, step);
            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4);
            assertThat(a.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(parameters.value(first, step)).isSameAs(a);
            // d/da sum(a * a) = 2a; d/db sum(3 b) = 3; the unused parameter and the other group get nothing.
            NDArray loss = a.mul(a).sum().add(b.mul(step.full(new Shape(3), 3f)).sum());
            JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(loss.getShape()), false, false);
            JniUtils.setGradMode(false);
            assertThat(parameters.groups().get(ParameterGroup.MODEL).getGradient().toFloatArray())
                    .containsExactly(2, 4, 6, 8, 0, 0, 3, 3, 3);
            NDArray gateGradient = parameters.groups().get(ParameterGroup.GATE).getGradient();
            assertThat(gateGradient.toFloatArray()).containsOnly(0f);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        assertThat(parameters.read(unused)).containsExactly(9, 9);
        assertThat(parameters.read(gate)).containsExactly(0.5f);
    }
}
