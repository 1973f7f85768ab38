package org.symsweep.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import org.symsweep.orchestration.LimitsConfig;

/** The places for objective evaluations running at once on this node (symsweep.limits.evaluate.concurrency). */
@ApplicationScoped
public class EvaluationSlots {
    private final Semaphore places;
    private final int size;

    public EvaluationSlots(LimitsConfig limits) {
        this.size = limits.evaluate().concurrency();
        this.places = new Semaphore(size);
    }

    public boolean tryTake() {
        return places.tryAcquire();
    }

    public void give() {
        places.release();
    }

    public int size() {
        return size;
    }
}
