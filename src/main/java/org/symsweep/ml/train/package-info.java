/**
 * One trial: its spec (variant, benchmark, hyperparameters, training rule, seed), the model it builds,
 * the training loop that reports each epoch to a listener, and its result. Also the command-line entry
 * points that run a trial or evaluate the objectives without the server.
 */
package org.symsweep.ml.train;
