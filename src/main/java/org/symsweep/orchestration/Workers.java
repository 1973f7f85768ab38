package org.symsweep.orchestration;

import ai.djl.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.symsweep.ml.Engines;

/** This node's identity and worker slots, planned once from {@link WorkerConfig}. */
@ApplicationScoped
public class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class);

    private final WorkerSlots slots;
    private final String node;

    public Workers(WorkerConfig config, @ConfigProperty(name = "quarkus.quartz.thread-count") int quartzThreads) {
        List<Integer> gpus = config.workers().gpus().orElse(List.of());
        // Only ask the engine about GPUs when some are configured: loading it costs start-up time.
        int present = gpus.isEmpty() ? 0 : gpusPresent();
        slots = WorkerSlots.plan(config.workers().cpuSlots(), config.workers().threadsPerSlot(), gpus,
                Runtime.getRuntime().availableProcessors(), present);
        slots.warnings().forEach(LOG::warn);
        if (quartzThreads != slots.all().size()) {
            // Fewer threads leave slots idle; more make jobs wait here for a slot another node could give them.
            LOG.warnf("quarkus.quartz.thread-count is %d but this node has %d worker slots; set them equal",
                    quartzThreads, slots.all().size());
        }
        node = config.workers().node().orElseGet(Workers::defaultNode);
        LOG.infof("node %s runs trials on %s", node, slots.all().stream().map(WorkerSlots.Slot::device).toList());
    }

    private static int gpusPresent() {
        Engines.load();
        return Engine.getInstance().getGpuCount();
    }

    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    public WorkerSlots slots() {
        return slots;
    }

    public String node() {
        return node;
    }
}
