/**
 * Running sweeps: each queued trial is a Quartz job in the clustered PostgreSQL job store, run on one of this
 * node's worker slots (CPU thread budgets or GPUs). A running attempt buffers its metrics, beats a heartbeat
 * and ends in one transaction guarded by its attempt number, so a trial whose node died is run again and never
 * counted twice. Also: retries with back-off, stale-heartbeat recovery, pause, resume, cancel, extension and
 * racing. The only package besides {@code store} and {@code api} that knows Quarkus; training itself is
 * {@code ml}, planning {@code sweep}, statistics {@code stats}.
 */
package org.symsweep.orchestration;
