package org.symsweep.sweep;

import java.util.List;

/** A sweep specification that cannot be stored, with every error found in it (not only the first). */
public final class InvalidSpecException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidSpecException(List<FieldError> errors) {
        super(errors.size() + " error(s) in sweep spec: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
