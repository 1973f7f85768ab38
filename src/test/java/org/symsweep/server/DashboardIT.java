package org.symsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/**
 * The dashboard in a real headless Chromium (Debian's chromium, driven by Playwright's playwright-core from
 * ui/e2e/dashboard.mjs) against the packaged server: the empty page offers the example; a bad form value shows
 * the server's message at its input; a small XOR sweep launched from the form finishes, and the robustness
 * chart and the gated-vs-ungated panel show the right number of series; the summary sorts; a trial page draws;
 * a bad spec in the JSON tab names its field. Leaves target/dashboard.png.
 */
class DashboardIT {
    @Test
    void aResearcherLaunchesASweepFromTheFormAndSeesTheComparison() throws Exception {
        Path home = Files.createTempDirectory("symsweep-dashboard");
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        String password = "Dashboard lantern over the kettle 77";
        try (ServerProcess server = ServerProcess.start(home, Map.of("SYMSWEEP_ADMIN_PASSWORD", password))) {
            server.awaitHealthy(Duration.ofSeconds(90));
            Path log = home.resolve("e2e.log");
            ProcessBuilder browser = new ProcessBuilder("node", "e2e/dashboard.mjs", "http://127.0.0.1:" + server.port(), screenshot.toString())
                    .directory(Path.of("ui").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            browser.environment().put("ADMIN_PASSWORD", password);
            Process e2e = browser.start();
            boolean ended = e2e.waitFor(15, TimeUnit.MINUTES);
            String output = Files.readString(log);
            System.out.println(output);
            assertThat(ended).as("the browser test ended").isTrue();
            assertThat(e2e.exitValue()).as(output + "\nserver log:\n" + server.log()).isZero();
            assertThat(screenshot).exists();
            server.stop();
        } finally {
            TempFolders.delete(home);
        }
    }
}
