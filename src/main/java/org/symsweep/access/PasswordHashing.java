package org.symsweep.access;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The only threads that run Argon2 (and the password-strength check) for requests: a fixed number of them
 * with a short queue, so a flood of sign-ins can take at most {@code threads} cores and
 * {@code threads x 19 MiB} of memory; beyond the queue it is answered 503 with Retry-After at once.
 */
@ApplicationScoped
public class PasswordHashing {
    private final int threads;
    private final int queue;
    private final ThreadPoolExecutor executor;

    public PasswordHashing(AuthConfig config) {
        this.threads = config.hashingThreads();
        this.queue = config.hashingQueue();
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)), work -> {
            Thread thread = new Thread(work, "password-hashing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the work on a hashing thread; refused with {@link TryLater} (503) when every thread is busy and the queue full. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException full) {
            throw new TryLater(503, "too many password checks at once: at most " + threads + " run at a time with " + queue
                    + " waiting; try again in a moment", 1);
        }
    }

    /** {@link #submit} and wait for the answer. */
    public <T> T run(Supplier<T> work) {
        try {
            return submit(work).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The most memory Argon2 can hold at once through this pool. */
    public long maxMemoryBytes() {
        return (long) threads * Passwords.MEMORY_KIB * 1024;
    }

    public int threads() {
        return threads;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
