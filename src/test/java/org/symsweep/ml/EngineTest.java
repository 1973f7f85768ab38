package org.symsweep.ml;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of tensor code: a fresh manager per test, on the engine as the trainer loads it. */
public abstract class EngineTest {
    protected NDManager manager;

    @BeforeEach
    void openManager() {
        manager = Arrays2.newManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
