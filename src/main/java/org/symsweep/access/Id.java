package org.symsweep.access;

/**
 * The id of a sweep, trial, team, project, token or share as a path or query names it. There is exactly one
 * spelling per id: plain ASCII digits, no sign, no leading zero, within a long. Every other spelling ("+1",
 * "01", Arabic-Indic or full-width digits, "-1", 19 digits past the range) names nothing, so it can never reach
 * an object the canonical spelling would be refused, and it is answered 404 before any lookup.
 * <p>JAX-RS builds path and query parameters of this type through {@link #valueOf(String)}; a failure there
 * answers 404 for a path parameter (see {@code ErrorMappers}).
 */
public record Id(long value) {
    /** 9223372036854775807 has 19 digits; longer texts are refused before any arithmetic. */
    private static final int MAX_DIGITS = 19;

    public Id {
        if (value < 1) {
            throw new IllegalArgumentException("ids start at 1");
        }
    }

    /** The id the text spells, or {@link Malformed} when the text is not the one spelling of an id. */
    public static Id valueOf(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS || text.charAt(0) == '0') {
            throw new Malformed(text);
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new Malformed(text);
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new Malformed(text);
            }
            value = value * 10 + digit;
        }
        return new Id(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }

    /** A text that is not an id; its message never echoes more than a short, printable prefix of it. */
    public static final class Malformed extends IllegalArgumentException {
        public Malformed(String text) {
            super("'" + printable(text) + "' is not an id (ids are plain decimal numbers from 1)", null);
        }

        private static String printable(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length() && out.length() < 24; i++) {
                char c = text.charAt(i);
                out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
            return text.length() > 24 ? out + "..." : out.toString();
        }
    }
}
