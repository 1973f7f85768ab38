/**
 * Optimisers written on DJL arrays, each updating a whole parameter group (one flat buffer) per step:
 * AdamW with decoupled weight decay as PyTorch computes it, Schedule-Free AdamW with its evaluation
 * weights, per-group learning-rate multipliers and decay, linear warm-up, global gradient-norm clipping.
 */
package org.symsweep.ml.optim;
