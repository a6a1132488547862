package org.robustgrid.harness.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, straight from the format's definition (big-endian header, then bytes). */
final class IdxFiles {

    private IdxFiles() {}

    static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return bytes.toByteArray();
    }

    static byte[] labels(int magic, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(labels.length);
        out.write(labels);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code data} to {@code dir/name}, gzip-compressed when the name ends in {@code .gz}. */
    static Path write(Path dir, String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), name.endsWith(".gz") ? gzip(data) : data);
    }
}
