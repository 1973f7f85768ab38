package org.symsweep.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * A sweep specification that cannot be stored, with the errors found in it: all of them up to
 * {@link #MAX_REPORTED}, then one entry saying how many more there were, so an answer stays small
 * however many values a request got wrong.
 */
public final class InvalidSpecException extends RuntimeException {
    public static final int MAX_REPORTED = 20;

    private final List<FieldError> errors;

    public InvalidSpecException(List<FieldError> errors) {
        super(errors.size() + " error(s) in sweep spec: " + capped(errors));
        this.errors = capped(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    static List<FieldError> capped(List<FieldError> errors) {
        if (errors.size() <= MAX_REPORTED) {
            return List.copyOf(errors);
        }
        List<FieldError> first = new ArrayList<>(errors.subList(0, MAX_REPORTED));
        first.add(new FieldError("$", String.format("and %,d more", errors.size() - MAX_REPORTED)));
        return List.copyOf(first);
    }
}
