package org.robustgrid.harness.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIFAR-10 (Krizhevsky 2009), binary version: 50000 training and 10000 test colour images of 32x32
 * pixels in ten classes. Each batch file is a sequence of 3073-byte records: one label byte, then
 * 1024 red, 1024 green and 1024 blue bytes, row-major, which is already the CHW order of
 * {@link Dataset}.
 *
 * <p>A batch may hold any positive whole number of records (the official files hold 10000), so that
 * small hand-made copies load too; a file is reported as truncated only when its size is not a
 * multiple of 3073 bytes.
 */
public final class Cifar10 {

    /** The data set's id. */
    public static final String ID = "cifar10";

    /** The official download address of the binary version. */
    public static final URI OFFICIAL_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    /** MD5 of the official archive, as published on the CIFAR page. */
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    /** The archive's file name, as downloaded. */
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";

    /** The folder the archive unpacks to. */
    public static final String FOLDER = "cifar-10-batches-bin";

    /** Class names, by label. */
    public static final List<String> CLASS_NAMES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** Image side in pixels. */
    public static final int SIDE = 32;

    /** Bytes of one image: 3 channels of 32x32. */
    static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    /** Bytes of one record: the label and the image. */
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** Records in each official batch file. */
    static final int OFFICIAL_RECORDS = 10_000;

    static final List<String> TRAIN_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";

    // The usual per-channel statistics of the 50000 training images on [0,1].
    private static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    private static final float[] STD = {0.2470f, 0.2435f, 0.2616f};

    private static final Logger LOG = LoggerFactory.getLogger(Cifar10.class);
    private static final int BUFFER = 1 << 16;
    private static final long LOG_EVERY_BYTES = 32L << 20;

    private Cifar10() {}

    /** Per-channel (R, G, B) mean of the training images on [0,1]: (0.4914, 0.4822, 0.4465). */
    public static float[] mean() {
        return MEAN.clone();
    }

    /** Per-channel (R, G, B) standard deviation of the training images on [0,1]: (0.2470, 0.2435, 0.2616). */
    public static float[] std() {
        return STD.clone();
    }

    /** The default data folder: {@code cifar10} under {@link Datasets#dataRoot()}. */
    public static Path defaultDir() {
        return Datasets.dataRoot().resolve(ID);
    }

    /**
     * Loads both parts from the first of: {@code dataDir/cifar-10-batches-bin/}, the batch files in
     * {@code dataDir} itself, the archive {@code dataDir/cifar-10-binary.tar.gz} (or {@code dataDir}
     * when it is the archive), read without unpacking; else, when downloading is allowed, downloads the
     * archive into {@code dataDir} first.
     *
     * @param expectedMd5 the archive's MD5 in hex; {@link #OFFICIAL_MD5} except in tests
     * @throws DataException when nothing is found, a download fails or does not match, or a file is
     *     truncated or corrupt
     */
    static DataSplit load(DataOptions options, String expectedMd5) {
        Path dir = options.dataDir() != null ? options.dataDir() : defaultDir();
        if (Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".tar.gz")) {
            return readArchive(dir);
        }
        Path folder = dir.resolve(FOLDER);
        if (Files.isDirectory(folder)) {
            return readFolder(folder);
        }
        if (Files.exists(dir.resolve(TEST_FILE)) || Files.exists(dir.resolve(TRAIN_FILES.get(0)))) {
            return readFolder(dir);
        }
        Path archive = dir.resolve(ARCHIVE);
        if (Files.isRegularFile(archive)) {
            return readArchive(archive);
        }
        if (options.download()) {
            download(options.downloadUrl() != null ? options.downloadUrl() : OFFICIAL_URL, archive, expectedMd5);
            return readArchive(archive);
        }
        throw new DataException("CIFAR-10 not found: looked for " + folder + ", the batch files in " + dir + " and "
                + archive + "; pass --download to fetch it from " + OFFICIAL_URL
                + " or --data-dir DIR to point at a local copy");
    }

    private static DataSplit readFolder(Path folder) {
        Map<String, Batch> batches = new HashMap<>();
        for (String name : allFiles()) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + " is missing; a CIFAR-10 folder holds " + String.join(", ", allFiles()));
            }
            try {
                checkSize(file.toString(), Files.size(file));
                batches.put(name, Batch.parse(file.toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new DataException("could not read " + file + ": " + e);
            }
        }
        return assemble(batches);
    }

    private static DataSplit readArchive(Path archive) {
        List<String> wanted = allFiles();
        Map<String, Batch> batches = new HashMap<>();
        try (InputStream raw = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GZIPInputStream(new BufferedInputStream(raw, BUFFER), BUFFER))) {
            TarArchiveEntry entry;
            while (batches.size() < wanted.size() && (entry = tar.getNextEntry()) != null) {
                String path = entry.getName();
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (!entry.isFile() || !wanted.contains(name)) {
                    continue;
                }
                String where = archive + "!" + path;
                checkSize(where, entry.getSize());
                byte[] data = new byte[(int) entry.getSize()];
                int read = 0;
                try {
                    for (int n; read < data.length && (n = tar.read(data, read, data.length - read)) >= 0; ) {
                        read += n;
                    }
                } catch (IOException e) {
                    throw new DataException(where + " ends after " + read + " of its " + data.length
                            + " bytes: the archive is truncated or corrupt (" + e.getMessage() + ")");
                }
                if (read < data.length) {
                    throw new DataException(where + " ends after " + read + " of its " + data.length
                            + " bytes: the archive is truncated");
                }
                batches.put(name, Batch.parse(where, data));
            }
        } catch (IOException e) {
            throw new DataException(archive + " is not a readable gzip-compressed tar archive: " + e.getMessage());
        }
        for (String name : wanted) {
            if (!batches.containsKey(name)) {
                throw new DataException(archive + " holds no " + name + "; expected " + String.join(", ", wanted)
                        + " under " + FOLDER + "/");
            }
        }
        return assemble(batches);
    }

    /** Rejects a size that is not a positive whole number of records. */
    private static void checkSize(String file, long size) {
        if (size > (long) Integer.MAX_VALUE - 16) {
            throw new DataException(file + " is " + size + " bytes, more than one batch can hold; expected "
                    + (long) OFFICIAL_RECORDS * RECORD_BYTES + " (" + OFFICIAL_RECORDS + " records of " + RECORD_BYTES
                    + " bytes)");
        }
        if (size > 0 && size % RECORD_BYTES == 0) {
            return;
        }
        long standard = (long) OFFICIAL_RECORDS * RECORD_BYTES;
        long records = size <= standard ? OFFICIAL_RECORDS : (size + RECORD_BYTES - 1) / RECORD_BYTES;
        throw new DataException(String.format(Locale.ROOT,
                "%s is %d bytes, expected %d (%d records of %d bytes) or another positive whole number of records",
                file, size, records * RECORD_BYTES, records, RECORD_BYTES));
    }

    private static List<String> allFiles() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return all;
    }

    private static DataSplit assemble(Map<String, Batch> batches) {
        List<Batch> train = TRAIN_FILES.stream().map(batches::get).toList();
        return new DataSplit(Batch.concat(train).toDataset(), batches.get(TEST_FILE).toDataset());
    }

    /** Downloads into a temporary file beside {@code target}, checks its MD5, then moves it into place. */
    static void download(URI url, Path target, String expectedMd5) {
        Path tmp = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
            LOG.info("downloading {} to {}", url, target);
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<InputStream> response =
                    client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long bytes = 0;
            try (InputStream body = new DigestInputStream(response.body(), md5);
                    OutputStream out = Files.newOutputStream(tmp)) {
                if (response.statusCode() != 200) {
                    throw new DataException("download of " + url + " failed: HTTP " + response.statusCode()
                            + "; pass --data-dir DIR to use a local copy");
                }
                byte[] buf = new byte[BUFFER];
                for (int n; (n = body.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    if ((bytes + n) / LOG_EVERY_BYTES != bytes / LOG_EVERY_BYTES) {
                        LOG.info("downloaded {} MiB of {}", (bytes + n) >> 20, url);
                    }
                    bytes += n;
                }
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equalsIgnoreCase(expectedMd5)) {
                throw new DataException("checksum mismatch for " + url + ": expected MD5 " + expectedMd5 + ", got "
                        + actual + " (" + bytes + " bytes); the download was discarded");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("saved {} ({} bytes, MD5 {})", target, bytes, actual);
        } catch (IOException e) {
            throw new DataException("could not download " + url + " to " + target + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download of " + url + " was interrupted");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", tmp, e.toString());
                }
            }
        }
    }

    /** Records of one or more batch files, split into labels and CHW pixels. */
    private record Batch(byte[] pixels, int[] labels) {

        static Batch parse(String file, byte[] data) {
            int n = data.length / RECORD_BYTES;
            byte[] pixels = new byte[n * IMAGE_BYTES];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = data[i * RECORD_BYTES] & 0xff;
                if (labels[i] >= CLASS_NAMES.size()) {
                    throw new DataException(file + " record " + i + " has label " + labels[i] + ", expected 0.."
                            + (CLASS_NAMES.size() - 1));
                }
                System.arraycopy(data, i * RECORD_BYTES + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
            }
            return new Batch(pixels, labels);
        }

        static Batch concat(List<Batch> parts) {
            long total = parts.stream().mapToLong(b -> b.labels.length).sum();
            if (total * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
                throw new DataException("the CIFAR-10 training batches hold " + total + " images, more than one array holds");
            }
            byte[] pixels = new byte[(int) total * IMAGE_BYTES];
            int[] labels = new int[(int) total];
            int at = 0;
            for (Batch b : parts) {
                System.arraycopy(b.pixels, 0, pixels, at * IMAGE_BYTES, b.pixels.length);
                System.arraycopy(b.labels, 0, labels, at, b.labels.length);
                at += b.labels.length;
            }
            return new Batch(pixels, labels);
        }

        Dataset toDataset() {
            return new Dataset(ID, 3, SIDE, SIDE, CLASS_NAMES, pixels, labels, mean(), std());
        }
    }
}
