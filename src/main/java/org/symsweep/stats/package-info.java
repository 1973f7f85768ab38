/**
 * Statistics over seeds: summaries with their intervals, paired comparisons of variants, and
 * variance-aware selection of the best configuration. Plain Java on Apache Commons Math; knows nothing
 * of Quarkus, HTTP or SQL, so the same numbers come out of the API, the dashboard and a notebook.
 */
package org.symsweep.stats;
