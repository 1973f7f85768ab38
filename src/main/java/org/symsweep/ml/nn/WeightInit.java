package org.symsweep.ml.nn;

/** How an encoder's linear layers start. */
public enum WeightInit {
    /** PyTorch's nn.Linear default (the Symile XOR encoders). */
    LINEAR_DEFAULT,
    /** Kaiming normal, fan_out, zero biases (the Gated Symile synthetic encoders). */
    KAIMING_NORMAL_FAN_OUT
}
