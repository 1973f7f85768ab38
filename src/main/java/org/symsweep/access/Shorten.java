package org.symsweep.access;

/** Echoes user input in error messages at a bounded length. */
final class Shorten {
    private Shorten() {
    }

    static String of(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
