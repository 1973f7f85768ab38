package org.symsweep.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.symsweep.sweep.FieldError;

/** The body of every error answer. */
public record ErrorResponse(List<FieldError> errors) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ErrorResponse of(String field, String message) {
        return new ErrorResponse(List.of(new FieldError(field, message)));
    }

    /** The same body as text, for answers written below JAX-RS (by the HTTP layer's own handlers). */
    static String json(String field, String message) {
        try {
            return JSON.writeValueAsString(of(field, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body could not be written", e);
        }
    }
}
