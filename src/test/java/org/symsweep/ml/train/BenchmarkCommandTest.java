package org.symsweep.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchmarkCommandTest {

    @Test
    void badOptionsAreRefusedWithAMessageBeforeAnythingTrains() throws Exception {
        assertRefused("unknown option --bogus", "speed", "--bogus", "1");
        assertRefused("--rounds needs a whole number from 1, got 'x'", "speed", "--rounds", "x");
        assertRefused("--rounds needs a whole number from 1, got nothing", "speed", "--rounds");
        assertRefused("must be at least 1", "speed", "--threads", "0");
        assertRefused("usage: bench reference|speed", "fastest");
    }

    private static void assertRefused(String message, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchmarkCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no table is printed").isEmpty();
    }
}
