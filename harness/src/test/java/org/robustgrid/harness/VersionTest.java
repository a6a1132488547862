package org.robustgrid.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionTest {

    private static final String COMMIT = "78a52cb0123456789abcdef0123456789abcdef0";

    @Test
    void aGitBuildIsItsCommitAndWhetherItWasDirty() {
        assertEquals("git:" + COMMIT, Version.identity(COMMIT, "false", null));
        assertEquals("git:" + COMMIT + "+dirty", Version.identity(COMMIT + "\n", "true", null));
    }

    @Test
    void aBuildOutsideGitIsItsJarsDigest(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("harness-0.1.0.jar");
        Files.writeString(jar, "abc");
        // what ant's exec leaves when git is missing, or the folder is no repository
        assertEquals("jar-sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Version.identity("${git.commit}", "true", jar));
        assertEquals("jar-sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Version.identity("", "false", jar));
        assertEquals("unknown", Version.identity("", "false", dir));
    }

    @Test
    void thisBuildRecordedItsCommitWhenBuiltInGit() throws Exception {
        // the build writes it (harness/pom.xml, maven-antrun-plugin); built from a source tarball there is no commit to check
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0 && head.matches("[0-9a-f]{40}"), "not built in a git work tree");
        assertTrue(Version.build().matches("git:" + head + "(\\+dirty)?"), Version.build() + " vs HEAD " + head);
    }
}
