package org.symsweep.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server paths: allowed only inside a root, with symlinks resolved; every refusal is the same message. */
class DataRootsTest {
    @TempDir
    Path folder;

    @Test
    void allowsFilesAndFoldersInsideARootAndNothingElseWithOneMessage() throws Exception {
        Path root = Files.createDirectories(folder.resolve("root"));
        Path home = Files.createDirectories(folder.resolve("home"));
        Path npz = Files.write(root.resolve("data.npz"), new byte[] {1});
        Path arrays = Files.createDirectories(root.resolve("arrays"));
        Files.write(arrays.resolve("a.npy"), new byte[] {1});
        Path outside = Files.write(folder.resolve("outside.npz"), new byte[] {1});
        Files.createSymbolicLink(root.resolve("out.npz"), outside);
        Path leaky = Files.createDirectories(root.resolve("leaky"));
        Files.createSymbolicLink(leaky.resolve("a.npy"), outside);
        Files.createSymbolicLink(root.resolve("in.npz"), npz);
        Files.write(home.resolve("x.npz"), new byte[] {1});
        Files.createSymbolicLink(root.resolve("home"), home);
        DataRoots roots = DataRoots.of(List.of(root.toString()), List.of(home));

        assertThat(roots.check(npz.toString())).isEqualTo(npz.toRealPath());
        assertThat(roots.check(arrays.toString())).isEqualTo(arrays.toRealPath());
        assertThat(roots.check(root.resolve("in.npz").toString())).isEqualTo(npz.toRealPath());

        List<String> refused = List.of(
                outside.toString(),                                  // outside the root
                root + "/../outside.npz",                            // .. out of the root
                root + "/../../../../../../etc/shadow",
                "/etc/shadow", "/root", "/etc/passwd",
                root.resolve("out.npz").toString(),                  // a symlink pointing out
                leaky.toString(),                                    // a folder whose array points out
                root.resolve("home/x.npz").toString(),               // Symsweep's own home, through a root
                root.resolve("missing.npz").toString(),              // does not exist
                root.resolve("arrays/a.npy").toString(),             // neither .npz nor a folder
                "data.npz", "", "/tmp/a\u0000b", "x".repeat(5000));
        for (String path : refused) {
            assertThatThrownBy(() -> roots.check(path)).as(path).isInstanceOf(DataRoots.NotAllowed.class).hasMessage(DataRoots.NOT_ALLOWED);
        }
    }

    @Test
    void noRootsAllowNoPathAtAll() throws Exception {
        Path npz = Files.write(folder.resolve("data.npz"), new byte[] {1});
        DataRoots none = DataRoots.of(List.of(), List.of());
        assertThatThrownBy(() -> none.check(npz.toString())).hasMessage(DataRoots.NOT_ALLOWED);
        DataRoots missing = DataRoots.of(List.of(folder.resolve("not-yet").toString()), List.of());
        assertThatThrownBy(() -> missing.check(npz.toString())).hasMessage(DataRoots.NOT_ALLOWED);
    }
}
