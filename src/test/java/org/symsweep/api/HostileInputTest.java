package org.symsweep.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symsweep.TestApi.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.symsweep.TableSnapshot;
import org.symsweep.TestApi;
import org.symsweep.TestSweeps;

/**
 * Hundreds of malformed, oversized and hostile requests over every endpoint that takes input: broken and bombed
 * JSON and YAML, control characters in names, paths, filters and headers, bodies over the limit, broken chunks.
 * Each is answered with a 4xx in the API's plain error format (a request whose HTTP framing is broken may instead
 * have its connection closed): never a 5xx, never a class name or stack trace, nothing stored, nothing logged
 * as a warning or error.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    /** A qualified Java name (com.fasterxml..., java.lang...) or a stack frame in a body. */
    private static final Pattern INTERNALS = Pattern.compile("(?i)\\b(?:java|javax|jakarta|com|org|io|sun)\\.[a-z0-9_]+\\.[A-Za-z0-9_.$]+"
            + "|Exception|\\bat [a-z]+\\.[a-z]|jackson|snakeyaml|vertx|resteasy");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Sent(String what, int status, String body) {
        @Override
        public String toString() {
            return what + " -> " + status + " " + body;
        }
    }

    @AfterAll
    void clean() throws Exception {
        TestSweeps.reset(dataSource);
    }

    @Test
    void everyHostileRequestIsRefusedPlainlyAndStoresNothing() throws Exception {
        TestSweeps.reset(dataSource);
        long sweep = given().contentType(ContentType.JSON).body("""
                        {"name": "target", "benchmark": {"kind": "no-op"}, "variants": ["symile"], "seeds": [1]}""")
                .post("/api/sweeps").then().statusCode(201).extract().jsonPath().getLong("id");
        long team = given().get("/api/teams").jsonPath().getLong("[0].teamId");
        long project = given().get("/api/teams").jsonPath().getLong("[0].projects[0].id");
        for (int i = 0; i < 300 && given().get("/api/sweeps/" + sweep).jsonPath().getString("state").equals("RUNNING"); i++) {
            Thread.sleep(100);
        }
        Map<String, String> before = TableSnapshot.of(dataSource);
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    String message = record.getMessage();
                    try {
                        message = new java.util.logging.SimpleFormatter().formatMessage(record);
                    } catch (RuntimeException unformattable) {
                        // keep the raw message
                    }
                    logged.add(record.getLevel() + " " + record.getLoggerName() + ": " + message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);

        Map<String, String> jsonTargets = new LinkedHashMap<>();
        jsonTargets.put("POST /api/sweeps", "application/json");
        jsonTargets.put("POST /api/sweeps/plan", "application/json");
        jsonTargets.put("POST /api/sweeps/" + sweep + "/extend", "application/json");
        jsonTargets.put("POST /api/sweeps/" + sweep + "/race", "application/json");
        jsonTargets.put("POST /api/sweeps/" + sweep + "/shares", "application/json");
        jsonTargets.put("POST /api/objectives/evaluate", "application/json");
        jsonTargets.put("POST /api/accounts", "application/json");
        jsonTargets.put("POST /api/tokens", "application/json");
        jsonTargets.put("POST /api/teams", "application/json");
        jsonTargets.put("POST /api/teams/" + team + "/projects", "application/json");
        jsonTargets.put("PUT /api/teams/" + team + "/projects/" + project, "application/json");
        jsonTargets.put("PUT /api/teams/" + team + "/members/admin", "application/json");
        jsonTargets.put("PUT /api/account/password", "application/json");
        jsonTargets.put("POST /api/session", "application/json");
        jsonTargets.put("POST /api/shared/session", "application/json");
        jsonTargets.put("POST /api/projects/" + project + "/datasets?name=hostile", "application/octet-stream");
        for (String name : List.of("..%2F..%2Fetc%2Fpasswd", "%2Froot%2Fx", "a%20b%2Fc", "x".repeat(300), "%E2%80%AEevil", "", "CON")) {
            jsonTargets.put("POST /api/projects/" + project + "/datasets?name=" + name, "application/octet-stream");
        }

        List<Sent> sent = new ArrayList<>();
        for (Map.Entry<String, String> target : jsonTargets.entrySet()) {
            String[] methodAndPath = target.getKey().split(" ", 2);
            for (Map.Entry<String, byte[]> body : hostileJson().entrySet()) {
                if (target.getKey().endsWith("/shares") && body.getValue().length > 0 && new String(body.getValue(), StandardCharsets.UTF_8).isBlank()
                        || target.getKey().endsWith("/shares") && body.getValue().length == 0) {
                    continue; // a share link's fields are all optional: an empty body is a valid request
                }
                sent.add(send(methodAndPath[0], methodAndPath[1], Map.of("Content-Type", target.getValue()), body.getValue(),
                        target.getKey() + " with " + body.getKey()));
            }
        }
        for (String path : List.of("/api/sweeps", "/api/sweeps/plan", "/api/sweeps/" + sweep + "/extend")) {
            for (Map.Entry<String, byte[]> body : hostileYaml().entrySet()) {
                sent.add(send("POST", path, Map.of("Content-Type", "application/yaml"), body.getValue(), "POST " + path + " with YAML " + body.getKey()));
            }
        }
        for (String query : hostileQueries(sweep)) {
            sent.add(send("GET", query, Map.of(), null, "GET " + query));
        }
        String create = "{\"name\": \"x\", \"benchmark\": {\"kind\": \"no-op\"}, \"variants\": [\"symile\"], \"seeds\": [1]}";
        for (Map.Entry<String, Map<String, String>> headers : hostileHeaders().entrySet()) {
            sent.add(send("POST", "/api/sweeps/plan", headers.getValue(), create.getBytes(StandardCharsets.UTF_8), "headers " + headers.getKey()));
        }
        for (String path : hostilePaths(sweep)) {
            sent.add(send("GET", path, Map.of(), null, "GET " + path));
            sent.add(send("DELETE", path, Map.of(), null, "DELETE " + path));
        }
        sent.addAll(rawRequests());
        root.removeHandler(capture);

        List<Sent> bad = sent.stream().filter(s -> !(s.what.equals("a broken chunk") && s.status == 0)).filter(s -> s.status < 400 || s.status >= 500 || INTERNALS.matcher(s.body).find()
                || !s.body.startsWith("{\"errors\":[")).toList();
        Map<Integer, Integer> statuses = new TreeMap<>();
        sent.forEach(s -> statuses.merge(s.status, 1, Integer::sum));
        System.out.printf("Hostile input: %d requests, statuses %s%n", sent.size(), statuses);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(300);
        assertThat(bad).as("answers that were not a plain 4xx error").isEmpty();
        assertThat(TableSnapshot.of(dataSource)).as("what is stored, after every hostile request").isEqualTo(before);
        // A broken request is the client's failure: no error or warning in the log, and no line a request wrote.
        assertThat(logged).as("warnings and errors logged while the hostile requests were answered").isEmpty();
        // Metrics name routes, never the ids or paths a caller made up (which would also fill the tag cap).
        String exposition = http.send(HttpRequest.newBuilder(metrics.toURI()).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.Set<String> uris = new java.util.TreeSet<>();
        java.util.regex.Matcher uri = Pattern.compile("uri=\"([^\"]*)\"").matcher(exposition);
        while (uri.find()) {
            uris.add(uri.group(1));
        }
        System.out.printf("Hostile input: the metrics name %d routes%n", uris.size());
        assertThat(uris).as("uri tags in the metrics at " + metrics)
                .noneMatch(u -> u.matches(".*/[0-9]+(/.*)?") || u.contains("%") || u.contains("etc") || u.contains("nothing")
                        || u.contains("\n") || u.contains("..") || u.length() > 80);
    }

    /** Bodies no endpoint may accept, each for its own reason. */
    private static Map<String, byte[]> hostileJson() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("nothing", "");
        texts.put("blank", "   \n ");
        texts.put("a truncated object", "{\"name\": ");
        texts.put("an array", "[]");
        texts.put("null", "null");
        texts.put("a string", "\"name\"");
        texts.put("duplicate keys", "{\"name\": \"a\", \"name\": \"b\"}");
        texts.put("deep nesting", "[".repeat(20_000) + "]".repeat(20_000));
        texts.put("a huge exponent", "{\"seeds\": [1e999999999], \"expiresInHours\": 1e999999999}");
        texts.put("a 400-digit number", "{\"seeds\": [" + "9".repeat(400) + "], \"expiresInHours\": " + "9".repeat(400) + "}");
        texts.put("a NUL in a name", "{\"name\": \"a\\u0000b\", \"label\": \"a\\u0000b\"}");
        texts.put("a newline in a name", "{\"name\": \"a\\nINFO forged line\", \"label\": \"a\\nINFO forged\"}");
        texts.put("an escape sequence in a name", "{\"name\": \"\\u001b[31mred\", \"label\": \"\\u001b[31mred\"}");
        texts.put("a lone surrogate", "{\"name\": \"\\ud800\", \"label\": \"\\ud800\"}");
        texts.put("a 200,000 character name", "{\"name\": \"" + "a".repeat(200_000) + "\", \"label\": \"" + "a".repeat(200_000) + "\"}");
        texts.put("a 100,000 character key", "{\"" + "k".repeat(100_000) + "\": 1}");
        texts.put("trailing content", "{\"seeds\": [2]} {\"seeds\": [3]}");
        texts.put("comments", "/* hello */ {\"seeds\": [2]}");
        texts.put("wrong types", "{\"name\": 5, \"seeds\": \"1\", \"role\": 7, \"label\": [], \"expiresInHours\": \"soon\", \"password\": 1}");
        texts.put("unknown fields only", "{\"__proto__\": {\"admin\": true}, \"constructor\": 1}");
        texts.put("a byte-order mark", "\uFEFF{\"seeds\": [2]}");
        texts.put("single quotes", "{'seeds': [2]}");
        texts.put("NaN", "{\"seeds\": [NaN], \"expiresInHours\": NaN, \"logScale\": NaN}");
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        texts.forEach((k, v) -> bodies.put(k, v.getBytes(StandardCharsets.UTF_8)));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        bodies.put("UTF-16", "{\"seeds\": [2]}".getBytes(StandardCharsets.UTF_16));
        return bodies;
    }

    private static Map<String, byte[]> hostileYaml() {
        Map<String, String> texts = new LinkedHashMap<>();
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(",*").append((char) (c - 1))
                    .append(",*").append((char) (c - 1)).append(",*").append((char) (c - 1)).append(",*").append((char) (c - 1)).append("]\n");
        }
        texts.put("a billion laughs", laughs.toString());
        texts.put("a Java type tag", "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
        texts.put("a local tag", "name: !secret x\nseeds: [1]\n");
        texts.put("binary", "name: !!binary aGVsbG8=\nseeds: [1]\n");
        texts.put("deep nesting", "a: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
        texts.put("two documents", "seeds: [2]\n---\nseeds: [3]\n");
        texts.put("a tab indentation", "name: x\n\tseeds: [1]\n");
        texts.put("a NUL", "name: \"a\\0b\"\nseeds: [1]\n");
        texts.put("a merge key loop", "a: &a\n  <<: *a\n");
        texts.put("an unclosed quote", "name: \"x\nseeds: [1]\n");
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        texts.forEach((k, v) -> bodies.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    private static List<String> hostileQueries(long sweep) {
        String s = "/api/sweeps/" + sweep;
        return List.of(s + "/trials?params.lr=%00", s + "/trials?state=%00", s + "/trials?variant=%00", s + "/trials?state=RUNNING%0Ax",
                s + "/trials?params.%00=1", s + "/trials?params." + "x".repeat(5_000) + "=1", s + "/trials?page=-1", s + "/trials?page=99999999999",
                s + "/trials?size=0", s + "/trials?size=100000", s + "/trials?page=1e3", s + "/summary?order=%00", s + "/summary?size=-5",
                s + "/curves?metric=%00", s + "/curves?limit=abc", s + "/curves?limit=99999999999", s + "/curves?order=best%0A",
                s + "/selection?confidence=NaN", s + "/selection?confidence=1e309", s + "/selection?confidence=-1",
                s + "/selection?confidence=%00", s + "/compare?a=%00", s + "/compare?a=symile&b=nothing", "/api/sweeps?project=%00",
                "/api/sweeps?project=+1", "/api/sweeps?project=-1", "/api/sweeps?page=%00", "/api/teams/" + "9".repeat(30),
                "/api/teams/1/audit?size=%00");
    }

    private static Map<String, Map<String, String>> hostileHeaders() {
        Map<String, Map<String, String>> headers = new LinkedHashMap<>();
        headers.put("two content types", Map.of("Content-Type", "application/json, text/plain"));
        headers.put("an unknown charset", Map.of("Content-Type", "application/json; charset=x-no-such-charset"));
        headers.put("a content type without a subtype", Map.of("Content-Type", "application"));
        headers.put("a content type of slashes", Map.of("Content-Type", "////"));
        headers.put("a content type with a quote", Map.of("Content-Type", "application/json; charset=\"utf-8"));
        headers.put("an empty content type", Map.of("Content-Type", ""));
        headers.put("a text content type", Map.of("Content-Type", "text/plain"));
        headers.put("multipart", Map.of("Content-Type", "multipart/form-data; boundary=x"));
        headers.put("an Accept of images only", Map.of("Content-Type", "application/json", "Accept", "image/png"));
        headers.put("a long bearer token", Map.of("Content-Type", "application/json", "Authorization", "Bearer " + "t".repeat(5_000)));
        headers.put("a Basic authorization", Map.of("Content-Type", "application/json", "Authorization", "Basic YWRtaW46YWRtaW4="));
        headers.put("a bearer without a token", Map.of("Content-Type", "application/json", "Authorization", "Bearer"));
        return headers;
    }

    private static List<String> hostilePaths(long sweep) {
        return List.of("/api/sweeps/" + sweep + "%0AINFO%20forged", "/api/sweeps/" + sweep + "%00", "/api/sweeps/%0D%0Ax",
                "/api/trials/%00", "/api/sweeps/" + "1".repeat(4_000), "/api/sweeps/" + sweep + "/%2e%2e/%2e%2e/etc/passwd",
                "/api/sweeps/" + sweep + "/trials%3Bx", "/api/teams/%E2%80%AE1", "/api/sweeps/" + sweep + "/curves/%FF", "/api/nothing%0Ahere");
    }

    private Sent send(String method, String path, Map<String, String> headers, byte[] body, String what) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60));
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equals("Content-Type") && header.getValue().contains(", ")) {
                for (String type : header.getValue().split(", ")) {
                    request.header("Content-Type", type);
                }
            } else {
                request.header(header.getKey(), header.getValue());
            }
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Sent(what, response.statusCode(), shorten(response.body()));
    }

    /** What HttpClient will not send: bodies over the limit with and without a length, broken chunks. */
    private List<Sent> rawRequests() throws Exception {
        List<Sent> sent = new ArrayList<>();
        byte[] big = ("{\"name\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        sent.add(raw("3 MiB with a length", "POST /api/sweeps HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + big.length + "\r\n", big));
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int i = 0; i < big.length; i += 65_536) {
            int n = Math.min(65_536, big.length - i);
            chunked.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(big, i, n);
            chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        sent.add(raw("3 MiB chunked", "POST /api/sweeps HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunked.toByteArray()));
        sent.add(raw("a broken chunk", "POST /api/sweeps HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        sent.add(raw("a length larger than the body", "POST /api/sweeps/plan HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n",
                "{}".getBytes(StandardCharsets.US_ASCII)));
        return sent;
    }

    private Sent raw(String what, String head, byte[] body) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: localhost\r\nAuthorization: Bearer " + TestApi.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
                socket.shutdownOutput();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before reading all of it
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (response.length() < 12) {
                return new Sent(what, 0, "(connection closed without an answer)");
            }
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyAt = response.indexOf("\r\n\r\n");
            String text = bodyAt < 0 ? "" : response.substring(bodyAt + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                text = text.replaceAll("(?m)^[0-9a-fA-F]+\r$\n?", "").replace("\r\n", "");
            }
            return new Sent(what, status, shorten(text.strip()));
        }
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 400 ? text.substring(0, 400) : text;
    }
}
