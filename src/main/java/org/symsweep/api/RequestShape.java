package org.symsweep.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.symsweep.sweep.PlainText;

/**
 * Refuses, before anything else reads the request, what no route of this server can mean: control characters
 * (decoded) in the path or a query parameter, '.' or '..' path segments, broken percent-encoding, more than one Content-Type or one that
 * does not parse, and a charset this server does not know. Each answer is a 400 (415 for the charset) naming the part.
 * Nothing downstream then has to cope with a NUL in a database query or a newline in a log line.
 */
@ApplicationScoped
public class RequestShape {
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            EarlyRefusal problem = problem(context);
            if (problem == null) {
                context.next();
            } else {
                problem.send(context);
            }
        });
    }

    /** What is wrong with the request's shape, or null when it has a usable one. */
    private static EarlyRefusal problem(RoutingContext context) {
        String uri = context.request().uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String decodedPath = decode(path.replace("+", "%2B"));
        if (decodedPath == null) {
            return new EarlyRefusal(400, "path", "has a broken percent-encoding (a '%' not followed by two hexadecimal digits)");
        }
        if (PlainText.hasControl(decodedPath)) {
            return new EarlyRefusal(400, "path", "contains a control character; paths are printable text");
        }
        for (String segment : decodedPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                // Browsers resolve these before sending; decoded late, they could lead a path-prefix rule astray.
                return new EarlyRefusal(400, "path", "has a '.' or '..' segment; send the path resolved");
            }
        }
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name == null || value == null) {
                    return new EarlyRefusal(400, "query", "has a broken percent-encoding (a '%' not followed by two hexadecimal digits)");
                }
                if (PlainText.hasControl(name)) {
                    return new EarlyRefusal(400, "query", "a parameter name contains a control character");
                }
                if (PlainText.hasControl(value)) {
                    return new EarlyRefusal(400, PlainText.shorten(name, 60), "contains a control character; values are printable text");
                }
            }
        }
        List<String> types = context.request().headers().getAll(HttpHeaders.CONTENT_TYPE);
        if (types.size() > 1) {
            return new EarlyRefusal(400, "Content-Type", "was sent " + types.size() + " times; send it once");
        }
        if (types.size() == 1) {
            return contentTypeProblem(types.get(0));
        }
        return null;
    }

    private static EarlyRefusal contentTypeProblem(String value) {
        String[] parts = value.split(";");
        String type = parts[0].strip();
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0 || type.contains(",") || PlainText.hasControl(value)
                || value.chars().filter(c -> c == '"').count() % 2 != 0) {
            return new EarlyRefusal(400, "Content-Type", "'" + PlainText.shorten(value, 60) + "' is not one media type; send application/json"
                    + " (or application/yaml for sweep specs)");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!supported(charset)) {
                    return new EarlyRefusal(415, "Content-Type", "charset '" + PlainText.shorten(charset, 40) + "' is not supported; send UTF-8");
                }
            }
        }
        return null;
    }

    private static boolean supported(String charset) {
        try {
            return java.nio.charset.Charset.isSupported(charset);
        } catch (IllegalArgumentException illegalName) {
            return false;
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return null;
        }
    }
}
