package org.symsweep.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symsweep.TestApi.anonymous;
import static org.symsweep.TestApi.as;
import static org.symsweep.TestApi.given;
import static org.symsweep.ml.data.NpyFiles.matrix;
import static org.symsweep.ml.data.NpyFiles.npz;
import static org.symsweep.ml.data.NpyFiles.tar;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.symsweep.TestApi;
import org.symsweep.TestSweeps;
import org.symsweep.access.Gatekeeper;
import org.symsweep.datasets.DataRoots;
import org.symsweep.datasets.Datasets;
import org.symsweep.datasets.SweepData;
import org.symsweep.sweep.SweepSpecParser;

/**
 * Project datasets through the API as a team uses them (upload, list, train on, delete) and as outsiders and
 * attackers try them: other teams get the 404 of a missing project, a spec cannot reach another project's
 * dataset or a server file outside the data roots, and a refused upload leaves no row and no file.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetResourceTest {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Datasets datasets;
    @Inject
    SweepData sweepData;

    private long project;
    private long team;
    private long otherProject;
    private String editor;   // dseditor: editor of Data
    private String viewer;   // dsviewer: viewer of Data
    private String outsider; // dsoutsider: admin of Other, not in Data
    private boolean ready;

    @BeforeEach
    void teams() throws Exception {
        if (ready) {
            return;
        }
        ready = true;
        TestSweeps.reset(dataSource);
        for (String user : List.of("dsowner", "dseditor", "dsviewer", "dsoutsider")) {
            given().contentType(ContentType.JSON).body(Map.of("username", user, "password", PASSWORD)).post("/api/accounts").then().statusCode(201);
        }
        String owner = token("dsowner");
        editor = token("dseditor");
        viewer = token("dsviewer");
        outsider = token("dsoutsider");
        Response data = as(owner).contentType(ContentType.JSON).body(Map.of("name", "Data")).post("/api/teams");
        team = data.jsonPath().getLong("id");
        project = data.jsonPath().getLong("projects[0].id");
        as(owner).contentType(ContentType.JSON).body(Map.of("role", "editor")).put("/api/teams/" + team + "/members/dseditor").then().statusCode(200);
        as(owner).contentType(ContentType.JSON).body(Map.of("role", "viewer")).put("/api/teams/" + team + "/members/dsviewer").then().statusCode(200);
        otherProject = as(outsider).contentType(ContentType.JSON).body(Map.of("name", "Other")).post("/api/teams")
                .jsonPath().getLong("projects[0].id");
    }

    @AfterAll
    void clean() throws Exception {
        TestSweeps.reset(dataSource);
        for (long id : ids("select id from dataset")) {
            datasets.delete(id);
        }
    }

    @Test
    void anEditorUploadsAViewerListsASweepTrainsOnItAndItIsDeletedWhenNoTrialNeedsIt() throws Exception {
        byte[] upload = tar("features/", matrix("audio", 60, 4, 0), matrix("image", 60, 3, 1), matrix("text", 60, 5, 2));
        JsonPath stored = upload(editor, project, "clips", upload).then().statusCode(201).extract().jsonPath();
        long id = stored.getLong("id");
        assertThat(stored.getList("arrays.name")).containsExactly("audio", "image", "text");
        assertThat(Files.exists(datasets.file(id))).isTrue();

        JsonPath listed = as(viewer).get("/api/projects/" + project + "/datasets").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("name")).containsExactly("clips");
        assertThat(listed.getLong("[0].bytes")).isEqualTo(Files.size(datasets.file(id)));
        assertThat(listed.getList("[0].arrays[1].shape")).containsExactly(60, 3);
        assertThat(listed.getString("[0].arrays[2].dtype")).isEqualTo("f4");
        assertThat(listed.getInt("[0].rows")).isEqualTo(60);
        assertThat(listed.getString("[0].uploadedBy")).isEqualTo("dseditor");
        assertThat(listed.getString("[0].uploadedAt")).isNotBlank();

        String spec = """
                {"name": "on clips", "benchmark": {"kind": "features", "dataset": "clips"}, "variants": ["clip"], "seeds": [1],
                 "search": {"space": {"contrastive_scale": {"values": [16]}, "embedding_dim": {"values": [8]}}},
                 "training": {"epochs": 2}}""";
        as(editor).contentType(ContentType.JSON).body(spec).queryParam("project", project).post("/api/sweeps/plan")
                .then().statusCode(200).extract().jsonPath().getLong("trials");
        JsonPath sweep = as(editor).contentType(ContentType.JSON).body(spec).queryParam("project", project).post("/api/sweeps")
                .then().statusCode(201).extract().jsonPath();
        assertThat(sweep.getLong("spec.benchmark.dataset_id")).as("the name is pinned to the dataset's id").isEqualTo(id);
        JsonPath done = awaitEnd(sweep.getLong("id"));
        assertThat(done.getInt("progress.byState.SUCCEEDED")).isEqualTo(1);
        JsonPath trial = as(viewer).get("/api/sweeps/" + sweep.getLong("id") + "/trials").then().statusCode(200).extract().jsonPath();
        assertThat(trial.getDouble("items[0].objective")).as("test top-1 on the dataset's test rows").isBetween(0.0, 1.0);

        // A paused sweep still has planned trials on it: the dataset stays until they are cancelled.
        long waiting = as(editor).contentType(ContentType.JSON).body(spec.replace("\"seeds\": [1]", "\"seeds\": [1, 2, 3, 4, 5, 6, 7, 8]")
                        .replace("\"on clips\"", "\"later\"").replace("{\"kind\"", "{\"rows\": 0, \"kind\""))
                .queryParam("project", project).post("/api/sweeps").then().statusCode(201).extract().jsonPath().getLong("id");
        as(editor).post("/api/sweeps/" + waiting + "/pause").then().statusCode(200);
        as(viewer).delete("/api/projects/" + project + "/datasets/" + id).then().statusCode(403);
        Response busy = as(editor).delete("/api/projects/" + project + "/datasets/" + id);
        busy.then().statusCode(409);
        assertThat(busy.jsonPath().getString("errors[0].message")).contains("used by").contains("cancel their sweeps first");
        as(editor).post("/api/sweeps/" + waiting + "/cancel").then().statusCode(200);
        TestSweeps.awaitNoRunningTrials(statement());

        as(editor).delete("/api/projects/" + project + "/datasets/" + id).then().statusCode(204);
        assertThat(Files.exists(datasets.file(id))).isFalse();
        assertThat(ids("select id from dataset where id = " + id)).isEmpty();
        as(viewer).get("/api/projects/" + project + "/datasets").then().statusCode(200).extract().jsonPath().getList("name").isEmpty();
        Response gone = as(editor).contentType(ContentType.JSON).body(spec).queryParam("project", project).post("/api/sweeps");
        assertError(gone, 400, "benchmark.dataset", "the project has no dataset named 'clips'");
        // The finished sweep keeps its results; a trial of it run again would be refused in plain words, even if a new
        // dataset took the old name: the sweep is pinned to the deleted one's id.
        String storedSpec = as(viewer).get("/api/sweeps/" + sweep.getLong("id")).then().statusCode(200).extract().jsonPath()
                .prettify();
        upload(editor, project, "clips", upload).then().statusCode(201);
        com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(storedSpec).get("spec");
        assertThatThrownBy(() -> sweepData.forTrial(SweepSpecParser.parse(document)))
                .isInstanceOf(SweepData.Unavailable.class).hasMessage("the dataset 'clips' has been deleted");
    }

    @Test
    void viewersCannotUploadAndOtherTeamsSeeNoProjectAndCannotReachItsDatasets() throws Exception {
        long id = upload(editor, project, "private", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        List<Path> files = files();
        Response denied = upload(viewer, project, "mine", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1)));
        assertError(denied, 403, "project", "your role in this project's team is viewer; uploading and deleting datasets needs editor");

        String missing = as(outsider).get("/api/projects/999999999/datasets").then().statusCode(404).extract().asString();
        for (Response r : List.of(
                as(outsider).get("/api/projects/" + project + "/datasets"),
                upload(outsider, project, "mine", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))),
                as(outsider).get("/api/projects/" + project + "/datasets/" + id),
                as(outsider).delete("/api/projects/" + project + "/datasets/" + id))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.asString()).isEqualTo(missing.replace("999999999", Long.toString(project)));
        }
        for (String spelling : List.of("+" + project, "0" + project, "%2B" + project, "-1", "9223372036854775808")) {
            as(editor).get("/api/projects/" + spelling + "/datasets").then().statusCode(404);
        }
        as(editor).get("/api/projects/" + otherProject + "/datasets/" + id).then().statusCode(404);
        assertThat(files()).isEqualTo(files);

        // Naming another project's dataset is answered as naming one that does not exist.
        String spec = """
                {"name": "steal", "benchmark": {"kind": "features", "dataset": "%s"}, "variants": ["clip"], "seeds": [1]}""";
        assertError(as(outsider).contentType(ContentType.JSON).body(spec.formatted("private")).queryParam("project", otherProject)
                .post("/api/sweeps"), 400, "benchmark.dataset", "the project has no dataset named 'private'");
        assertError(as(outsider).contentType(ContentType.JSON).body(spec.formatted("private")).queryParam("project", otherProject)
                .post("/api/sweeps/plan"), 400, "benchmark.dataset", "the project has no dataset named 'private'");
        assertError(as(editor).contentType(ContentType.JSON).body(spec.formatted("nothing")).queryParam("project", project)
                .post("/api/sweeps"), 400, "benchmark.dataset", "the project has no dataset named 'nothing'");
        as(outsider).contentType(ContentType.JSON).body(spec.formatted("private")).queryParam("project", project)
                .post("/api/sweeps").then().statusCode(404);
        assertThat(ids("select id from sweep where name = 'steal'")).isEmpty();

        // A project holding a dataset is not deleted with it.
        long extra = as(token("dsowner")).contentType(ContentType.JSON).body(Map.of("name", "extra")).post("/api/teams/" + team + "/projects")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        upload(editor, extra, "kept", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))).then().statusCode(201);
        assertError(as(token("dsowner")).delete("/api/teams/" + team + "/projects/" + extra), 409, "project",
                "project 'extra' holds 0 sweeps and 1 dataset; a project is deleted only when empty, so that no result or data goes with it");
    }

    @Test
    void refusedUploadsLeaveNoRowAndNoFile() throws Exception {
        List<Path> before = files();
        long rows = ids("select id from dataset").size();
        byte[] tooLarge = new byte[(int) datasets.maxUploadBytes() + 1];
        Response declared = upload(editor, project, "big", tooLarge);
        assertError(declared, 413, "body", "the upload has " + tooLarge.length + " bytes; at most " + datasets.maxUploadBytes()
                + " bytes are accepted (symsweep.datasets.max-upload-size)");
        Response chunked = as(editor).contentType("application/octet-stream").queryParam("name", "big")
                .body(new ByteArrayInputStream(tooLarge)).post("/api/projects/" + project + "/datasets");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.asString()).contains("at most " + datasets.maxUploadBytes() + " bytes are accepted");

        assertError(upload(editor, project, "broken", "PK\u0003\u0004 not really a zip".getBytes()), 400, "body",
                "the archive is damaged or not a zip file");
        assertError(upload(editor, project, "text", "a,b\n1,2\n".getBytes()), 400, "body", "the body is neither a .npz/.zip nor a .tar archive");
        assertError(upload(editor, project, "one", npz(matrix("a", 20, 2, 0))), 400, "body",
                "the dataset has 1 modality arrays; 2 to 8 are needed (plus an optional 'split')");
        assertError(upload(editor, project, "../../etc", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))), 400, "name",
                "'../../etc' is not allowed; a name has 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit");
        assertError(upload(editor, project, null, npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))), 400, "name", "is required");
        upload(editor, project, "twice", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))).then().statusCode(201);
        List<Path> withTwice = files();
        assertError(upload(editor, project, "TWICE", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))), 409, "name",
                "the project has a dataset named 'TWICE'; delete it first or choose another name");
        assertThat(files()).isEqualTo(withTwice);
        assertThat(ids("select id from dataset")).hasSize((int) rows + 1);
        assertThat(withTwice).hasSize(before.size() + 1);
    }

    /**
     * A launch that resolved the dataset just before a delete committed: the launch waits on the dataset's row
     * (held by the delete) and then refuses, instead of storing a sweep pinned to a dataset that is gone.
     */
    @Test
    void aLaunchRacingTheDatasetsDeleteIsRefusedNotPinnedToNothing() throws Exception {
        long id = upload(editor, project, "racing", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long sweepsBefore = ids("select id from sweep").size();
        try (java.sql.Connection delete = dataSource.getConnection()) {
            delete.setAutoCommit(false);
            try (Statement s = delete.createStatement()) {
                // What DatasetStore.delete holds while it checks for trials, then the delete itself, not yet committed.
                s.executeQuery("select id from dataset where id = " + id + " for update").close();
                s.executeUpdate("delete from dataset where id = " + id);
            }
            java.util.concurrent.CompletableFuture<Response> launch = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    as(editor).contentType(ContentType.JSON).queryParam("project", project).body("""
                            {"name": "races the delete", "benchmark": {"kind": "features", "dataset": "racing"},
                             "variants": ["clip"], "seeds": [1]}""").post("/api/sweeps"));
            // The launch has resolved the name (the delete is not committed) and now waits on the row.
            for (int i = 0; i < 600 && !launch.isDone() && waitingOnLocks() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(launch.isDone()).as("the launch answered before it reached the dataset's row: " + (launch.isDone() ? launch.get().asString() : "")).isFalse();
            delete.commit();
            Response answer = launch.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertError(answer, 400, "benchmark.dataset", "the dataset 'racing' has been deleted");
        }
        assertThat(ids("select id from sweep")).hasSize((int) sweepsBefore);
    }

    private long waitingOnLocks() throws Exception {
        try (ResultSet rs = statement().executeQuery("select count(*) from pg_locks where not granted")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void serverPathsOutsideTheDataRootsAreRefusedWithOneMessage() throws Exception {
        Path root = Files.createDirectories(Path.of("target/test-data-root")).toRealPath();
        Path allowed = root.resolve("allowed.npz");
        Files.write(allowed, npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1)));
        Path outside = Files.createTempFile("outside", ".npz");
        Files.write(outside, npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1)));
        Path link = root.resolve("link-out.npz");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        // The database's own folder, where the test's role may read the setting (a non-superuser may not: then the
        // folder of a machine PostgreSQL of Debian, or of an embedded one, stands in for it).
        String databaseFolder;
        try (ResultSet rs = statement().executeQuery("select setting from pg_settings where name = 'data_directory'")) {
            databaseFolder = rs.next() && rs.getString(1) != null ? rs.getString(1) : "/var/lib/postgresql";
        }
        String spec = """
                {"name": "by path", "benchmark": {"kind": "features", "path": "%s"}, "variants": ["clip"], "seeds": [1]}""";
        as(editor).contentType(ContentType.JSON).body(spec.formatted(allowed)).post("/api/sweeps/plan").then().statusCode(200);
        List<String> refused = List.of("/etc/shadow", "/root", "/etc/passwd", databaseFolder, databaseFolder + "/global/pg_control",
                root + "/../../../../../../etc/shadow", "../..", outside.toString(), link.toString(), root + "/missing.npz",
                Files.createDirectories(Path.of("target/test-datasets")).toRealPath().toString(), "/tmp/a\\u0000b");
        for (String path : refused) {
            for (String route : List.of("/api/sweeps/plan", "/api/sweeps")) {
                Response r = as(editor).contentType(ContentType.JSON).body(spec.formatted(path)).queryParam("project", project).post(route);
                assertError(r, 400, "benchmark.path", DataRoots.NOT_ALLOWED);
            }
        }
        assertThat(ids("select id from sweep where name = 'by path'")).isEmpty();
        Files.delete(link);
        Files.delete(outside);
    }

    @Test
    void orphanFilesACrashLeavesAreRemovedAndStoredOnesKept() throws Exception {
        long id = upload(editor, project, "stays", npz(matrix("a", 20, 2, 0), matrix("b", 20, 2, 1))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Path orphan = datasets.folder().resolve("987654321.npz");
        Path incoming = datasets.folder().resolve(".incoming-crashed");
        Path fresh = datasets.folder().resolve(".incoming-now");
        for (Path file : List.of(orphan, incoming, fresh)) {
            Files.write(file, new byte[] {1, 2, 3});
        }
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(orphan, old);
        Files.setLastModifiedTime(incoming, old);
        Files.setLastModifiedTime(datasets.file(id), old);
        assertThat(datasets.cleanOrphans()).isEqualTo(2);
        assertThat(Files.exists(orphan)).isFalse();
        assertThat(Files.exists(incoming)).isFalse();
        assertThat(Files.exists(fresh)).as("maybe another node's upload in progress").isTrue();
        assertThat(Files.exists(datasets.file(id))).isTrue();
        Files.delete(fresh);
    }

    private Response upload(String token, long projectId, String name, byte[] body) {
        RequestSpecification request = as(token).contentType("application/octet-stream").body(body);
        if (name != null) {
            request = request.queryParam("name", name);
        }
        return request.post("/api/projects/" + projectId + "/datasets");
    }

    private static void assertError(Response response, int status, String field, String message) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo(field);
        assertThat(response.jsonPath().getString("errors[0].message")).startsWith(message);
    }

    private List<Path> files() throws Exception {
        Files.createDirectories(datasets.folder());
        try (Stream<Path> files = Files.list(datasets.folder())) {
            return files.sorted().toList();
        }
    }

    private List<Long> ids(String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private Statement statement() throws Exception {
        return dataSource.getConnection().createStatement();
    }

    private JsonPath awaitEnd(long id) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonPath sweep = as(editor).get("/api/sweeps/" + id).then().extract().jsonPath();
            if (!sweep.getString("state").equals("RUNNING")) {
                return sweep;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sweep " + id + " did not end");
    }

    private String token(String user) {
        return TestApi.signInToken(user, PASSWORD, "write");
    }

}
