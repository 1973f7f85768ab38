package org.symsweep.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerSlotsTest {
    @Test
    void cpuSlotsShareTheCoresSoTwoTrialsDoNotFight() {
        WorkerSlots slots = WorkerSlots.plan(2, Optional.empty(), List.of(), 2, 0);
        assertThat(slots.all()).extracting(WorkerSlots.Slot::threads).containsExactly(1, 1);
        assertThat(WorkerSlots.plan(2, Optional.empty(), List.of(), 16, 0).cpuThreads()).isEqualTo(8);
        assertThat(WorkerSlots.plan(3, Optional.empty(), List.of(), 2, 0).cpuThreads()).isEqualTo(1);
        assertThat(WorkerSlots.plan(2, Optional.of(3), List.of(), 2, 0).cpuThreads()).isEqualTo(3);
        assertThat(slots.all()).extracting(WorkerSlots.Slot::device).containsExactly("cpu()", "cpu()");
    }

    @Test
    void eachGpuTakesOneTrialAndIsHandedOutFirst() throws Exception {
        WorkerSlots slots = WorkerSlots.plan(1, Optional.empty(), List.of(1, 0), 8, 2);
        assertThat(slots.all()).extracting(WorkerSlots.Slot::device).containsExactly("gpu(1)", "gpu(0)", "cpu()");
        WorkerSlots.Slot first = slots.tryAcquire().orElseThrow();
        WorkerSlots.Slot second = slots.tryAcquire().orElseThrow();
        WorkerSlots.Slot third = slots.tryAcquire().orElseThrow();
        assertThat(List.of(first.device(), second.device(), third.device())).containsExactly("gpu(1)", "gpu(0)", "cpu()");
        assertThat(slots.tryAcquire()).isEmpty();
        slots.release(third);
        slots.release(second);
        // A freed GPU goes to the next trial before the CPU slot.
        assertThat(slots.tryAcquire().orElseThrow().device()).isEqualTo("gpu(0)");
        assertThat(slots.tryAcquire().orElseThrow().device()).isEqualTo("cpu()");
    }

    @Test
    void gpusTheEngineDoesNotSeeAreLeftOutWithAWarning() {
        WorkerSlots slots = WorkerSlots.plan(1, Optional.empty(), List.of(0, 3), 2, 1);
        assertThat(slots.all()).extracting(WorkerSlots.Slot::device).containsExactly("gpu(0)", "cpu()");
        assertThat(slots.warnings()).singleElement().asString().contains("GPU 3").contains("PYTORCH_LIBRARY_PATH");
        assertThatThrownBy(() -> WorkerSlots.plan(0, Optional.empty(), List.of(0), 2, 0))
                .hasMessageContaining("no worker slot").hasMessageContaining("GPU 0");
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> WorkerSlots.plan(-1, Optional.empty(), List.of(), 2, 0)).hasMessageContaining("cpu-slots");
        assertThatThrownBy(() -> WorkerSlots.plan(1, Optional.of(0), List.of(), 2, 0)).hasMessageContaining("threads-per-slot");
        assertThatThrownBy(() -> WorkerSlots.plan(1, Optional.empty(), List.of(0, 0), 2, 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> WorkerSlots.plan(1, Optional.empty(), List.of(-1), 2, 1)).hasMessageContaining("start at 0");
        assertThatThrownBy(() -> WorkerSlots.plan(0, Optional.empty(), List.of(), 2, 0)).hasMessageContaining("no worker slot");
    }

    @Test
    void acquireWaitsForARelease() throws Exception {
        WorkerSlots slots = WorkerSlots.plan(1, Optional.empty(), List.of(), 2, 0);
        WorkerSlots.Slot only = slots.tryAcquire().orElseThrow();
        assertThat(slots.acquire(50, TimeUnit.MILLISECONDS)).isEmpty();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // the test ends anyway
            }
            slots.release(only);
        });
        releaser.start();
        assertThat(slots.acquire(10, TimeUnit.SECONDS)).contains(only);
        releaser.join();
        assertThatThrownBy(() -> slots.release(new WorkerSlots.Slot(7, -1, 1))).hasMessageContaining("not in use");
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCap() {
        Duration base = Duration.ofSeconds(2);
        Duration max = Duration.ofMinutes(5);
        assertThat(TrialScheduler.backoff(1, base, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TrialScheduler.backoff(2, base, max)).isEqualTo(Duration.ofSeconds(4));
        assertThat(TrialScheduler.backoff(4, base, max)).isEqualTo(Duration.ofSeconds(16));
        assertThat(TrialScheduler.backoff(9, base, max)).isEqualTo(max);
        assertThat(TrialScheduler.backoff(100, base, max)).isEqualTo(max);
    }
}
