/**
 * The training core: CLIP, Symile and Gated Symile on DJL's PyTorch engine, in plain Java. It knows
 * nothing of Quarkus, HTTP or SQL: a trial spec goes in, per-epoch metrics go to a listener, a result
 * comes out. What it computes follows shared/ml-spec.md.
 */
package org.symsweep.ml;
