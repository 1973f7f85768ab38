package org.symsweep.sweep;

/**
 * Text a person typed, as it may be stored, echoed and logged: control characters (C0, DEL, C1) and unpaired
 * surrogates are refused in names and paths, and escaped wherever a value is written to a log line.
 */
public final class PlainText {
    private PlainText() {
    }

    /** Whether the text holds a control character or a lone surrogate half. */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The text with control characters written as \\uXXXX, so a value can never start a new log line. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** At most {@code max} characters of the text, escaped, with "..." when cut. */
    public static String shorten(String text, int max) {
        String escaped = escape(text);
        return escaped.length() <= max ? escaped : escaped.substring(0, max) + "...";
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
