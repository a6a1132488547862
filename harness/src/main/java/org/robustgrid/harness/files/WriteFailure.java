package org.robustgrid.harness.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A file robustgrid could not write: a full disk, a read-only or missing folder. A failure of the
 * machine, not of the run's code or the user's input: its message is one line naming the file and the
 * system's reason ({@code cannot write OUT/results.csv: No space left on device}).
 */
public final class WriteFailure extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public WriteFailure(Path file, IOException cause) {
        super("cannot write " + file + ": " + reason(cause), cause);
        this.file = file;
    }

    /** The file that could not be written. */
    public Path file() {
        return file;
    }

    /** The system's reason without the path it repeats ({@code No space left on device}). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (" + ((FileSystemException) e).getFile() + ")";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "a file stands where a folder is needed (" + ((FileSystemException) e).getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    }
}
