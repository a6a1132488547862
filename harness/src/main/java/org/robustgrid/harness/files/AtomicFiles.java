package org.robustgrid.harness.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Whole-file writes that a kill cannot cut: the bytes go to a temporary sibling, which is then renamed over the target. */
public final class AtomicFiles {

    /** Writes the body of a file. */
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code target} whole: to a temporary sibling, then renamed over it; a failure is a {@link WriteFailure} and leaves the target as it was. */
    public static void write(Path target, Body body) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp); // a full disk's half-written temporary would hold on to the little room left
            } catch (IOException ignored) {
                // the folder itself cannot be written: the failure below says so
            }
            throw new WriteFailure(target, e);
        }
    }
}
