package org.robustgrid.harness.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip of {@code .npy} files, one per named array, that {@code numpy.load} reads
 * without robustgrid ({@code .npy} format version 1.0, little-endian, C order). Arrays are float32
 * ({@code <f4}) or bytes ({@code |u1}, for text such as a JSON header).
 */
public final class Npz implements AutoCloseable {

    private final ZipOutputStream zip;

    /** An archive written to {@code out}, which {@link #close} finishes (and closes). */
    public Npz(OutputStream out) {
        this.zip = new ZipOutputStream(out);
    }

    /** A float32 array of {@code shape} from row-major {@code values}. */
    public void floats(String name, long[] shape, float[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        entry(name, "<f4", shape, data.array());
    }

    /** A one-dimensional uint8 array of {@code text}'s UTF-8 bytes. */
    public void text(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        entry(name, "|u1", new long[] {bytes.length}, bytes);
    }

    private void entry(String name, String descr, long[] shape, byte[] data) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, tuple));
        // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64 and ended by a newline
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (h.length & 0xff), (byte) (h.length >> 8)});
        zip.write(h);
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
