package org.symsweep.api;

import jakarta.ws.rs.core.Response;

/** Reads the {@code page} and {@code size} query parameters every list shares, refusing bad ones by name. */
record Paging(int page, int size) {
    static final int MAX_SIZE = 200;
    static final int DEFAULT_SIZE = 20;

    static Paging of(String page, String size) {
        int pageNumber = integer("page", page, 0);
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageNumber < 0) {
            throw new ApiException(Response.Status.BAD_REQUEST, "page", pageNumber + " is negative; pages are numbered from 0");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new ApiException(Response.Status.BAD_REQUEST, "size",
                    pageSize + " is out of range; a page holds 1 to " + MAX_SIZE + " items");
        }
        return new Paging(pageNumber, pageSize);
    }

    /** A whole-number query parameter, the fallback when absent; 400 naming the parameter otherwise. */
    static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, name, "'" + value + "' is not a whole number");
        }
    }

    /** An id in a query parameter (such as {@code project}), or null when absent; 400 naming the parameter otherwise. */
    static org.symsweep.access.Id id(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return org.symsweep.access.Id.valueOf(value);
        } catch (org.symsweep.access.Id.Malformed e) {
            throw new ApiException(Response.Status.BAD_REQUEST, name, e.getMessage());
        }
    }
}
