package org.symsweep.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Small JSON bodies of the account, team, token and share endpoints: an object with known fields. Errors name
 * the field; they never echo a password or a token, and a malformed body is reported by position only.
 */
final class Bodies {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Names people type: letters, digits, and . _ - (user names, team and project names, token labels). */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._ -]{0,62}[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");

    private final JsonNode node;

    private Bodies(JsonNode node) {
        this.node = node;
    }

    static Bodies of(String body, Set<String> allowed) {
        RequestLimits.checkBodySize(body);
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ApiException(Response.Status.BAD_REQUEST, "body", "is not valid JSON" + where);
        }
        if (!node.isObject()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "body", "must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new ApiException(Response.Status.BAD_REQUEST, org.symsweep.sweep.PlainText.shorten(name, 60),
                        "is not a known field; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
        return new Bodies(node);
    }

    /** A required text field; {@code secret} fields are never echoed. */
    String text(String field, boolean secret) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, "is required");
        }
        if (!value.isTextual()) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, secret ? "must be a string" : "must be a string, not " + shorten(value.toString()));
        }
        if (org.symsweep.sweep.PlainText.hasControl(value.asText())) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, "contains a control character; only printable text is allowed");
        }
        return value.asText();
    }

    String optionalText(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(field, false);
    }

    /** A name as {@link #NAME} allows. */
    String name(String field) {
        String value = text(field, false).strip();
        if (!NAME.matcher(value).matches()) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, "'" + shorten(value)
                    + "' is not allowed; use 1 to 64 letters, digits, spaces, '.', '_' or '-', starting and ending with a letter or digit");
        }
        return value;
    }

    /** An optional whole number in [min, max]. */
    Long optionalLong(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < min || value.asLong() > max) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, shorten(value.toString()) + " is not allowed; a whole number from "
                    + min + " to " + max);
        }
        return value.asLong();
    }

    Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, shorten(value.toString()) + " is not allowed; true or false");
        }
        return value.asBoolean();
    }

    /** One of the allowed words. */
    String choice(String field, Set<String> allowed, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw new ApiException(Response.Status.BAD_REQUEST, field, "is required; one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, shorten(value.toString()) + " is not allowed; one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        if (org.symsweep.sweep.PlainText.hasControl(value.asText())) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, "contains a control character; only printable text is allowed");
        }
        return value.asText();
    }

    static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
