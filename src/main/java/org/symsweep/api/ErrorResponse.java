package org.symsweep.api;

import java.util.List;
import org.symsweep.sweep.FieldError;

/** The body of every error answer. */
public record ErrorResponse(List<FieldError> errors) {
    public static ErrorResponse of(String field, String message) {
        return new ErrorResponse(List.of(new FieldError(field, message)));
    }
}
