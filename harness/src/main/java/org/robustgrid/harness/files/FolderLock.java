package org.robustgrid.harness.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer per output folder. The lock is a file created only if absent (O_CREAT|O_EXCL, atomic on a
 * local disk and on NFS v3 and later), naming its holder: host, pid, the pid's process start and the
 * lock's start. The holder touches it every {@link #HEARTBEAT} and deletes it on exit, failure or signal
 * (a shutdown hook); a lock left by a kill is stale and taken over:
 * <ul>
 *   <li>on the holder's host, when its pid is not running, or runs a process started at another time (pid reused);</li>
 *   <li>from another host (a shared file system, where a pid means nothing), when its heartbeat (the file's
 *       modification time) is older than {@link #STALE_AFTER}.</li>
 * </ul>
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name inside the folder. */
    public static final String FILE = ".robustgrid.lock";
    /** How often the holder touches the lock file. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(60);
    /** A lock of another host whose heartbeat is older than this is stale: ten heartbeats, room for clock skew. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    /** The folder is held by a live process. */
    public static final class HeldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /**
     * Who holds a lock.
     *
     * @param host the holder's host name
     * @param pid its process id
     * @param processStart when that process started (empty when the system does not say), to tell a reused pid
     * @param since when it took the lock
     */
    public record Holder(String host, long pid, String processStart, String since) {

        static Holder me() {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(hostName(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(""), Instant.now().toString());
        }

        String text() {
            return "host=" + host + "\npid=" + pid + "\nprocess-start=" + processStart + "\nsince=" + since + "\n";
        }

        static Optional<Holder> parse(String text) {
            Properties p = new Properties();
            try {
                p.load(new java.io.StringReader(text));
                return Optional.of(new Holder(p.getProperty("host"), Long.parseLong(p.getProperty("pid")), p.getProperty("process-start", ""),
                        p.getProperty("since", "")));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** Whether this holder is gone, as seen from {@code here}'s host at {@code now}, given the file's last heartbeat. */
        boolean stale(String here, Instant heartbeat, Instant now) {
            if (!host.equals(here)) {
                return heartbeat.plus(STALE_AFTER).isBefore(now);
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Optional<String> start = p.get().info().startInstant().map(Instant::toString);
            return !processStart.isEmpty() && start.isPresent() && !start.get().equals(processStart);
        }

        @Override
        public String toString() {
            return "pid " + pid + " on " + host + " since " + since;
        }
    }

    private final Path file;
    private final String content;
    private final ScheduledExecutorService heartbeat;
    private final Thread hook;

    private FolderLock(Path file, String content) {
        this.file = file;
        this.content = content;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "robustgrid-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
        this.hook = new Thread(this::release, "robustgrid-lock-release");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Takes the lock of {@code dir} (created when missing), taking over a stale one.
     *
     * @param notes told when a stale lock was taken over
     * @throws HeldException when a live process holds it
     * @throws UncheckedIOException when the folder cannot be written ({@link WriteFailure})
     */
    public static FolderLock acquire(Path dir, java.util.function.Consumer<String> notes) {
        Path file = dir.resolve(FILE);
        Holder me = Holder.me();
        String content = me.text();
        for (int attempt = 0; attempt < 5; attempt++) {
            boolean created = false;
            try {
                Files.createDirectories(dir);
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC)) {
                    created = true;
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                }
                return new FolderLock(file, content);
            } catch (FileAlreadyExistsException e) {
                takeOverIfStale(file, me.host(), notes);
            } catch (IOException e) {
                if (created) {
                    deleteQuietly(file); // an empty lock of ours (a full disk) would hold the folder for STALE_AFTER
                }
                throw new WriteFailure(file, e);
            }
        }
        throw new HeldException("output folder " + dir + " is locked (" + file + ") and the lock keeps changing hands; try again");
    }

    /** Moves a stale lock aside (atomically, so that of two processes that find it stale one wins); throws when it is live. */
    private static void takeOverIfStale(Path file, String here, java.util.function.Consumer<String> notes) {
        String text;
        Instant heartbeat;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            heartbeat = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException gone) {
            return; // released meanwhile: try again
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
        Instant now = Instant.now();
        Optional<Holder> holder = Holder.parse(text);
        // a lock without a readable holder is being written, or was cut by a crash: stale only once its heartbeat is old
        boolean stale = holder.map(h -> h.stale(here, heartbeat, now)).orElse(heartbeat.plus(STALE_AFTER).isBefore(now));
        if (!stale) {
            String elsewhere = holder.isPresent() && !holder.get().host().equals(here)
                    ? String.format(java.util.Locale.ROOT, "; its heartbeat is %d s old, and a lock of another host is stale after %d s without one",
                            Duration.between(heartbeat, now).toSeconds(), STALE_AFTER.toSeconds())
                    : "";
            throw new HeldException("output folder " + file.getParent() + " is in use by robustgrid " + holder.map(Holder::toString)
                    .orElse("(holder not yet written)") + " (lock file " + file + elsewhere + "); wait for it to finish, or give another --out");
        }
        Path aside = file.resolveSibling(FILE + ".stale-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            if (!Files.readString(aside, StandardCharsets.UTF_8).equals(text)) {
                // another process took the stale lock between our read and our move: this one is live, give it back
                Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            Files.delete(aside);
            notes.accept("took over the stale lock of robustgrid " + holder.map(Holder::toString).orElse("(unreadable)") + " in " + file);
        } catch (NoSuchFileException | FileAlreadyExistsException raced) {
            // another process moved or took it first: try again
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    private void touch() {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a missed heartbeat: the next one tries again
        }
    }

    /** Deletes the lock file if it is still this process's. */
    private synchronized void release() {
        heartbeat.shutdownNow();
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // left behind: stale once this process is gone
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure to write it is what is reported
        }
    }

    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "unknown-host";
            }
        }
    }
}
