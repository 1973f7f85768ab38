package org.symsweep.api;

import jakarta.ws.rs.core.Response;
import org.symsweep.sweep.FieldError;

/** An error a client caused, answered with its status and one field error. */
public final class ApiException extends RuntimeException {
    private final Response.Status status;
    private final FieldError error;

    public ApiException(Response.Status status, String field, String message) {
        super(message);
        this.status = status;
        this.error = new FieldError(field, message);
    }

    public static ApiException notFound(String what, long id) {
        return new ApiException(Response.Status.NOT_FOUND, "id", "no " + what + " with id " + id);
    }

    public Response.Status status() {
        return status;
    }

    public FieldError error() {
        return error;
    }
}
