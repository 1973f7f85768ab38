package org.symsweep.store;

import java.nio.file.Path;

/** The folder where Symsweep keeps its own data: {@code SYMSWEEP_HOME}, else {@code ~/.symsweep}. */
public final class SymsweepHome {
    private SymsweepHome() {
    }

    public static Path resolve() {
        String configured = System.getProperty("symsweep.home", System.getenv("SYMSWEEP_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".symsweep");
    }
}
