package org.symsweep.sweep;

/**
 * One thing wrong with a user's input: the field's path (for example {@code variants[1]} or
 * {@code benchmark.kind}) and a message that names the value and what is allowed.
 */
public record FieldError(String field, String message) {
}
