package org.robustgrid.harness.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {

    private static final List<String> NOTES = new ArrayList<>();

    private static FolderLock take(Path dir) {
        return FolderLock.acquire(dir, NOTES::add);
    }

    private static void plant(Path dir, String host, long pid, String processStart, Instant heartbeat) throws Exception {
        Path f = dir.resolve(FolderLock.FILE);
        Files.writeString(f, new FolderLock.Holder(host, pid, processStart, "2026-12-04T20:00:00Z").text(), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.from(heartbeat));
    }

    /** A pid that no process has now: one of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderAndTheLockGoesWithTheFirst(@TempDir Path dir) {
        try (FolderLock first = take(dir)) {
            String text = assertThrows(FolderLock.HeldException.class, () -> take(dir)).getMessage();
            assertTrue(text.contains("pid " + ProcessHandle.current().pid() + " on " + FolderLock.hostName()), text);
            assertTrue(text.contains(dir.resolve(FolderLock.FILE).toString()) && !text.contains("\n"), text);
        }
        assertFalse(Files.exists(dir.resolve(FolderLock.FILE)));
        try (FolderLock again = take(dir)) {
            assertTrue(Files.exists(again.file()));
        }
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsStale(@TempDir Path dir) throws Exception {
        plant(dir, FolderLock.hostName(), deadPid(), "", Instant.now());
        NOTES.clear();
        try (FolderLock lock = take(dir)) {
            assertTrue(Files.readString(lock.file()).contains("pid=" + ProcessHandle.current().pid()));
        }
        assertEquals(1, NOTES.size(), NOTES.toString());
        assertTrue(NOTES.get(0).startsWith("took over the stale lock of robustgrid pid "), NOTES.get(0));
    }

    @Test
    void aReusedPidIsNotTheHolder(@TempDir Path dir) throws Exception {
        // this process's pid, but a process started at another time: the holder died and its pid went to someone else
        plant(dir, FolderLock.hostName(), ProcessHandle.current().pid(), "2000-01-01T00:00:00Z", Instant.now());
        try (FolderLock lock = take(dir)) {
            assertTrue(Files.exists(lock.file()));
        }
    }

    @Test
    void anotherHostsLockIsLiveWhileItsHeartbeatIsRecent(@TempDir Path dir) throws Exception {
        plant(dir, "node-17", 4242, "", Instant.now().minusSeconds(60));
        String text = assertThrows(FolderLock.HeldException.class, () -> take(dir)).getMessage();
        assertTrue(text.contains("pid 4242 on node-17") && text.contains("its heartbeat is 60 s old"), text);
        plant(dir, "node-17", 4242, "", Instant.now().minus(FolderLock.STALE_AFTER).minusSeconds(1));
        try (FolderLock lock = take(dir)) {
            assertTrue(Files.readString(lock.file()).contains("host=" + FolderLock.hostName()));
        }
    }
}
