package org.symsweep.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.Response;

/** Reads a request body (JSON or YAML) into a tree, strictly: duplicate keys and trailing content are errors. */
final class SpecDocuments {
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper STRICT_YAML = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SpecDocuments() {
    }

    /** A YAML document (Content-Type application/yaml) read into the same tree a JSON spec gives. */
    static JsonNode readYaml(String body) {
        return read(STRICT_YAML, "YAML", body);
    }

    static JsonNode readJson(String body) {
        return read(STRICT_JSON, "JSON", body);
    }

    private static JsonNode read(ObjectMapper mapper, String format, String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "body", "is empty; send a " + format + " document");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ApiException(Response.Status.BAD_REQUEST, "body", "is not valid " + format + where + ": " + plain(e.getOriginalMessage()));
        }
    }

    /**
     * The parser's reason without its internals: the part before any detail naming the parser's own types or
     * settings (in backquotes or parentheses), e.g. "Trailing token" or "Unexpected character".
     */
    static String plain(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unreadable";
        }
        String first = reason.strip().split("\n", 2)[0];
        int cut = first.length();
        for (String mark : new String[] {"`", " (", ": not allowed", " at [Source"}) {
            int at = first.indexOf(mark);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        String text = first.substring(0, cut).strip();
        if (text.startsWith("Trailing token")) {
            return "there is more after the end of the document; send one document";
        }
        return org.symsweep.sweep.PlainText.shorten(text.isEmpty() ? "unreadable" : text, 200);
    }
}
