/**
 * Symsweep: a server that plans, schedules, trains and compares sweeps of CLIP, Symile and Gated Symile.
 * This package holds only the entry point; the layout of the packages below is described in DESIGN.md.
 */
package org.symsweep;
