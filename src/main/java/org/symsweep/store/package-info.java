/**
 * Persistence: Panache entities for sweeps, trials and their metrics, the queries the API and the
 * dashboard read through, and the embedded PostgreSQL used when no database is configured.
 * The schema itself lives in the top-level {@code migrations/} folder (Flyway).
 */
package org.symsweep.store;
