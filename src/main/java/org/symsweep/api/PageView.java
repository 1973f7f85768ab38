package org.symsweep.api;

import java.util.List;

/** One page of a list, newest first, with what a client needs to ask for the next one. */
public record PageView<T>(List<T> items, int page, int size, long total, long totalPages) {
    static <T> PageView<T> of(List<T> items, int page, int size, long total) {
        return new PageView<>(items, page, size, total, (total + size - 1) / size);
    }
}
