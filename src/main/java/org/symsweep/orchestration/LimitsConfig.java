package org.symsweep.orchestration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What one request or trial may cost (symsweep.limits.*; SYMSWEEP_LIMITS_EVALUATE_MEMORY=512M and so on).
 * Every limit is checked before the work it bounds starts; see the README's table.
 */
@ConfigMapping(prefix = "symsweep.limits")
public interface LimitsConfig {
    Evaluate evaluate();

    Features features();

    Trials trials();

    Streams streams();

    interface Evaluate {
        /** The memory one objective evaluation may need, by the loss's own cost formula (ObjectiveEvaluation). */
        @WithDefault("256M")
        MemorySize memory();

        /** Evaluations running at once on this node; more answer 429. */
        @WithDefault("2")
        int concurrency();

        /** How long a request waits for its evaluation before answering 503 (the evaluation keeps its place). */
        @WithDefault("30s")
        Duration time();
    }

    interface Features {
        @WithDefault("10000")
        long maxHeaderBytes();

        @WithDefault("100000000")
        long maxArrayValues();

        @WithDefault("800M")
        MemorySize maxArrayBytes();

        /** All arrays of one feature path together, uncompressed (a .npz's declared sizes, a folder's files). */
        @WithDefault("2G")
        MemorySize maxTotalBytes();
    }

    interface Trials {
        /** A trial estimated to need more memory than this (data it holds) is refused when its sweep is posted. */
        @WithDefault("4G")
        MemorySize slotMemory();

        /** A trial whose node stopped under it this many times is failed, whatever its retries: it may be what kills nodes. */
        @WithDefault("2")
        int maxNodeLosses();
    }

    interface Streams {
        /** Open event streams per caller (account, token or share link). */
        @WithDefault("8")
        int perCaller();

        /** Open event streams on this node. */
        @WithDefault("500")
        int total();

        /** How often a watched sweep is read from the database: once per sweep, however many watch it. */
        @WithDefault("1s")
        Duration interval();
    }
}
