package org.symsweep.orchestration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How this node runs trials; every key can be set by environment variable (SYMSWEEP_WORKERS_CPU_SLOTS, ...). */
@ConfigMapping(prefix = "symsweep")
public interface WorkerConfig {
    Workers workers();

    Scheduling scheduling();

    interface Workers {
        /** Trials this node trains at once on its CPU. */
        @WithDefault("2")
        int cpuSlots();

        /** Engine threads per CPU trial; by default the cores shared among the CPU slots. */
        Optional<Integer> threadsPerSlot();

        /** CUDA device indices, one trial at a time on each (needs a CUDA libtorch, see the README). */
        Optional<List<Integer>> gpus();

        /** This node's name in trial records; by default host name and process id. */
        Optional<String> node();
    }

    interface Scheduling {
        /** How often a running trial writes its buffered metrics and proves it is alive. */
        @WithDefault("2s")
        Duration heartbeatInterval();

        /** A running trial whose heartbeat is older than this (by the database clock) is run again elsewhere. */
        @WithDefault("30s")
        Duration heartbeatTimeout();

        /** How often each node looks for stale trials and sweeps with room to run more. */
        @WithDefault("5s")
        Duration superviseInterval();

        /** Back-off before the first retry of a failed attempt; doubled for each further failure. */
        @WithDefault("2s")
        Duration retryBackoff();

        @WithDefault("5m")
        Duration maxRetryBackoff();
    }
}
