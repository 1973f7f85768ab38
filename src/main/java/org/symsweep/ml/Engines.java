package org.symsweep.ml;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Loads the PyTorch engine and makes its matrix products reproducible from run to run. PyTorch's CPU build computes them with
 * MKL, whose default code path depends on memory alignment, so the same seed gave slightly different
 * numbers in different processes. MKL's conditional numerical reproducibility in strict AUTO mode (what
 * MKL_CBWR=AUTO,STRICT sets) fixes the path for this processor, independent of alignment, at little cost;
 * it must be set before MKL's first computation, so the engine is loaded through here. A user's own
 * MKL_CBWR setting is left alone.
 */
public final class Engines {
    private static final Logger LOG = Logger.getLogger(Engines.class.getName());
    /** MKL_CBWR_AUTO | MKL_CBWR_STRICT in mkl_service.h. */
    private static final int MKL_CBWR_AUTO_STRICT = 2 | 0x10000;
    private static volatile boolean done;

    private Engines() {
    }

    /** Loads PyTorch (once) and switches MKL to reproducible mode. Call before any tensor work. */
    public static synchronized void load() {
        if (done) {
            return;
        }
        Engine.getEngine("PyTorch");
        if (System.getenv("MKL_CBWR") == null) {
            try {
                NativeLibrary torch = NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath(), "libtorch_cpu.so").toString());
                Function set = torch.getFunction("mkl_serv_cbwr_set");
                int status = set.invokeInt(new Object[] {MKL_CBWR_AUTO_STRICT});
                if (status != 0) {
                    LOG.warning("MKL refused reproducible mode (status " + status + "); results may vary slightly between runs");
                }
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // A libtorch without MKL (a CUDA or ARM build) has nothing to set.
                LOG.fine("no MKL reproducibility switch in this libtorch: " + e.getMessage());
            }
        }
        done = true;
    }
}
