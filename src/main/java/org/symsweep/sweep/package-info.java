/**
 * The sweep as a domain: its specification (parsed and validated in one place, every error naming
 * its field), the closed sets it is made of (variants, benchmarks, states), and the planning of its
 * trials, one per (variant, configuration, condition, seed). Plain Java: no Quarkus, no SQL.
 */
package org.symsweep.sweep;
