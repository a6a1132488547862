package org.robustgrid.harness.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of IDX files of unsigned bytes (the MNIST format), plain or gzip-compressed: a big-endian
 * magic number ({@code 0x0803} for 3-d images, {@code 0x0801} for 1-d labels), one big-endian int per
 * dimension, then the values.
 */
final class Idx {

    /** Magic number of a 3-d unsigned-byte IDX file (images). */
    static final int IMAGES_MAGIC = 2051;
    /** Magic number of a 1-d unsigned-byte IDX file (labels). */
    static final int LABELS_MAGIC = 2049;

    private static final int BUFFER = 1 << 16;

    /**
     * Images of one IDX file.
     *
     * @param count number of images
     * @param rows rows per image
     * @param cols columns per image
     * @param pixels {@code count * rows * cols} values, image after image, row-major
     */
    record Images(int count, int rows, int cols, byte[] pixels) {}

    private Idx() {}

    /** Reads an images file ({@code .gz} when its name ends so). */
    static Images readImages(Path file) {
        int[] dims = new int[3];
        byte[] values = read(file, IMAGES_MAGIC, dims, "images");
        return new Images(dims[0], dims[1], dims[2], values);
    }

    /** Reads a labels file ({@code .gz} when its name ends so); one unsigned byte per label. */
    static byte[] readLabels(Path file) {
        return read(file, LABELS_MAGIC, new int[1], "labels");
    }

    private static byte[] read(Path file, int magic, int[] dims, String what) {
        boolean gz = file.getFileName().toString().endsWith(".gz");
        int headerBytes = 4 + 4 * dims.length;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gz ? new GZIPInputStream(raw, BUFFER) : new BufferedInputStream(raw, BUFFER)) {
            byte[] header = new byte[headerBytes];
            int got = readUpTo(in, header);
            if (got < headerBytes) {
                throw new DataException(file + (gz ? " ends after " + got + " decoded bytes" : " is " + got + " bytes")
                        + ", expected at least " + headerBytes + " (an IDX header of " + dims.length + " dimension"
                        + (dims.length == 1 ? "" : "s") + ")");
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            int found = h.getInt();
            if (found != magic) {
                throw new DataException(file + " has magic number " + found + ", expected " + magic
                        + " (IDX " + what + " of unsigned bytes)");
            }
            long count = 1;
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < dims.length; i++) {
                dims[i] = h.getInt();
                if (dims[i] < 0) {
                    throw new DataException(file + " has a negative dimension " + dims[i] + " in its header");
                }
                count *= dims[i];
                shape.append(i == 0 ? "" : "x").append(dims[i]);
            }
            long expected = headerBytes + count;
            String why = " (header says " + shape + " " + what + " plus a " + headerBytes + "-byte header)";
            if (!gz) {
                long size = Files.size(file);
                if (size != expected) {
                    throw new DataException(file + " is " + size + " bytes, expected " + expected + why);
                }
            }
            if (count > Integer.MAX_VALUE - 16) {
                throw new DataException(file + why + " needs " + expected + " bytes, more than one array holds");
            }
            byte[] values = new byte[(int) count];
            int read = readUpTo(in, values);
            if (read < values.length) {
                throw new DataException(file + " ends after " + (headerBytes + read) + " decoded bytes, expected "
                        + expected + why);
            }
            if (in.read() >= 0) {
                throw new DataException(file + " decodes to more than " + expected + " bytes, expected " + expected + why);
            }
            return values;
        } catch (EOFException e) {
            // GZIPInputStream reads the gzip header in its constructor
            throw new DataException(file + " ends after 0 decoded bytes, expected at least " + headerBytes
                    + " (an IDX header); the gzip header is incomplete");
        } catch (ZipException e) {
            throw new DataException(file + " is not valid gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new DataException("could not read " + file + ": " + e);
        }
    }

    /**
     * Reads until {@code buf} is full or the data ends, whichever comes first; a gzip stream cut short
     * (an {@link EOFException} from the inflater) counts as its end, so that callers can say how much
     * it held.
     */
    private static int readUpTo(InputStream in, byte[] buf) throws IOException {
        int total = 0;
        try {
            while (total < buf.length) {
                int n = in.read(buf, total, buf.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (EOFException e) {
            // a truncated .gz: the caller reports the size
        }
        return total;
    }
}
