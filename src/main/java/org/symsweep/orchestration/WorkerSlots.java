package org.symsweep.orchestration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The trials one node may run at once. Each CPU slot runs one trial with a share of the cores (its engine
 * thread count), so that two trials on two cores do not fight over them; each listed GPU runs one trial at a
 * time. GPU slots are handed out first: they are the fast ones.
 */
public final class WorkerSlots {
    /** Where a trial runs: {@code gpu} is the CUDA device index, or -1 for a CPU slot. */
    public record Slot(int index, int gpu, int threads) {
        public boolean onGpu() {
            return gpu >= 0;
        }

        /** The device as stored with the trial and as DJL names it: cpu() or gpu(i). */
        public String device() {
            return onGpu() ? "gpu(" + gpu + ")" : "cpu()";
        }
    }

    private final List<Slot> slots;
    private final Deque<Slot> free = new ArrayDeque<>();
    private final List<String> warnings;

    private WorkerSlots(List<Slot> slots, List<String> warnings) {
        this.slots = List.copyOf(slots);
        this.free.addAll(slots);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Plans the slots. {@code threadsPerSlot} empty shares {@code cores} evenly among the CPU slots (at least
     * one each). GPUs listed but absent ({@code gpusPresent} counts what the engine sees) are left out with a
     * warning rather than failing every trial sent to them.
     */
    public static WorkerSlots plan(int cpuSlots, Optional<Integer> threadsPerSlot, List<Integer> gpus, int cores, int gpusPresent) {
        if (cpuSlots < 0) {
            throw new IllegalArgumentException("symsweep.workers.cpu-slots must not be negative, got " + cpuSlots);
        }
        if (threadsPerSlot.isPresent() && threadsPerSlot.get() < 1) {
            throw new IllegalArgumentException("symsweep.workers.threads-per-slot must be at least 1, got " + threadsPerSlot.get());
        }
        Set<Integer> distinct = new LinkedHashSet<>();
        for (int gpu : gpus) {
            if (gpu < 0) {
                throw new IllegalArgumentException("symsweep.workers.gpus lists device " + gpu + "; device indices start at 0");
            }
            if (!distinct.add(gpu)) {
                throw new IllegalArgumentException("symsweep.workers.gpus lists device " + gpu + " twice; one trial runs per GPU");
            }
        }
        List<String> warnings = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        for (int gpu : distinct) {
            if (gpu >= gpusPresent) {
                warnings.add("GPU " + gpu + " is configured but the engine sees " + gpusPresent
                        + " GPU(s); no trial is sent to it (is PYTORCH_LIBRARY_PATH a CUDA libtorch?)");
                continue;
            }
            // A GPU trial still needs a host thread for data and optimiser bookkeeping.
            slots.add(new Slot(slots.size(), gpu, 1));
        }
        int threads = threadsPerSlot.orElse(Math.max(1, cores / Math.max(1, cpuSlots)));
        for (int i = 0; i < cpuSlots; i++) {
            slots.add(new Slot(slots.size(), -1, threads));
        }
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("no worker slot: set symsweep.workers.cpu-slots to at least 1 or list a present GPU"
                    + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")"));
        }
        return new WorkerSlots(slots, warnings);
    }

    public List<Slot> all() {
        return slots;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The engine thread count of CPU slots (the setting is process-wide in PyTorch, so all share it). */
    public int cpuThreads() {
        return slots.stream().filter(s -> !s.onGpu()).mapToInt(Slot::threads).findFirst().orElse(1);
    }

    public synchronized Optional<Slot> tryAcquire() {
        return Optional.ofNullable(free.pollFirst());
    }

    /** Waits up to the timeout for a free slot. */
    public synchronized Optional<Slot> acquire(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (free.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Optional.of(free.pollFirst());
    }

    public synchronized void release(Slot slot) {
        if (!slots.contains(slot) || free.contains(slot)) {
            throw new IllegalStateException("slot " + slot + " is not in use");
        }
        // GPU slots go back to the front so the next trial gets a GPU when one is free.
        if (slot.onGpu()) {
            free.addFirst(slot);
        } else {
            free.addLast(slot);
        }
        notifyAll();
    }

    public synchronized int available() {
        return free.size();
    }
}
