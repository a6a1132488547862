package org.robustgrid.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

    static final int RECORD = 1 + 3 * 32 * 32;
    static final List<String> TRAIN = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");

    @TempDir
    Path dir;

    HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** {@code records} records; record i of file {@code f} has label (f + 3i) % 10 and seeded random pixels. */
    static byte[] batch(int f, int records) {
        byte[] data = new byte[records * RECORD];
        Random rnd = new Random(f);
        for (int i = 0; i < records; i++) {
            byte[] px = new byte[RECORD - 1];
            rnd.nextBytes(px);
            data[i * RECORD] = (byte) ((f + 3 * i) % 10);
            System.arraycopy(px, 0, data, i * RECORD + 1, px.length);
        }
        return data;
    }

    /** The six files, train batches with 1..5 records (file i holds i records) and the test batch with 4. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            files.put(TRAIN.get(i), batch(i + 1, i + 1));
        }
        files.put("test_batch.bin", batch(6, 4));
        return files;
    }

    static void writeFolder(Path folder, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
    }

    /** A .tar.gz laid out like the official one: a folder entry, a text file, then the batches in the given order. */
    static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
            tar.closeArchiveEntry();
            Map<String, byte[]> all = new LinkedHashMap<>();
            all.put("batches.meta.txt", "airplane\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            all.putAll(files);
            for (Map.Entry<String, byte[]> f : all.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry("cifar-10-batches-bin/" + f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String md5(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    /** Labels and pixels of the records of the named files, in that order. */
    static void assertHolds(Dataset d, Map<String, byte[]> files, List<String> names) {
        List<Integer> labels = new ArrayList<>();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (String n : names) {
            byte[] data = files.get(n);
            for (int at = 0; at < data.length; at += RECORD) {
                labels.add((int) data[at]);
                pixels.write(data, at + 1, RECORD - 1);
            }
        }
        assertArrayEquals(labels.stream().mapToInt(Integer::intValue).toArray(), d.labels());
        assertArrayEquals(pixels.toByteArray(), d.pixels());
        assertEquals(3, d.channels());
        assertEquals(32, d.height());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                d.classNames());
        assertArrayEquals(new float[] {0.4914f, 0.4822f, 0.4465f}, d.mean());
        assertArrayEquals(new float[] {0.2470f, 0.2435f, 0.2616f}, d.std());
    }

    static void assertSplit(DataSplit split, Map<String, byte[]> files) {
        assertEquals(15, split.train().size());
        assertHolds(split.train(), files, TRAIN);
        assertHolds(split.test(), files, List.of("test_batch.bin"));
    }

    DataOptions local() {
        return new DataOptions("cifar10", dir, false, null, 0, 0, 0);
    }

    DataOptions downloading(URI url) {
        return new DataOptions("cifar10", dir, true, url, 0, 0, 0);
    }

    @Test
    void readsTheBatchFolderInsideDataDir() throws IOException {
        Map<String, byte[]> files = files();
        writeFolder(dir.resolve("cifar-10-batches-bin"), files);
        assertSplit(Datasets.load(local()), files);
    }

    @Test
    void readsBatchFilesInDataDirItself() throws IOException {
        Map<String, byte[]> files = files();
        writeFolder(dir, files);
        assertSplit(Datasets.load(local()), files);
    }

    @Test
    void readsTheArchiveWithoutUnpackingInAnyEntryOrder() throws IOException {
        Map<String, byte[]> files = files();
        Map<String, byte[]> shuffled = new LinkedHashMap<>();
        for (String n : List.of("test_batch.bin", "data_batch_3.bin", "data_batch_1.bin", "data_batch_5.bin",
                "data_batch_2.bin", "data_batch_4.bin")) {
            shuffled.put(n, files.get(n));
        }
        Files.write(dir.resolve("cifar-10-binary.tar.gz"), tarGz(shuffled));
        assertSplit(Datasets.load(local()), files);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("cifar-10-binary.tar.gz")), left.toList(), "nothing unpacked");
        }
    }

    @Test
    void dataDirMayBeTheArchiveItself() throws IOException {
        Map<String, byte[]> files = files();
        Path archive = Files.write(dir.resolve("copy.tar.gz"), tarGz(files));
        assertSplit(Cifar10.load(new DataOptions("cifar10", archive, false, null, 0, 0, 0), Cifar10.OFFICIAL_MD5), files);
    }

    @Test
    void truncatedBatchNamesFileExpectedAndActualSize() throws IOException {
        Map<String, byte[]> files = files();
        files.put("data_batch_3.bin", Arrays.copyOf(files.get("data_batch_3.bin"), 3 * RECORD - 5));
        writeFolder(dir.resolve("cifar-10-batches-bin"), files);
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        // 3 records less 5 bytes; the official file is 10000 records of 3073 bytes
        assertTrue(e.getMessage().contains("data_batch_3.bin is 9214 bytes, expected 30730000 (10000 records of 3073 bytes)"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void emptyBatchIsTruncatedToo() throws IOException {
        Map<String, byte[]> files = files();
        files.put("test_batch.bin", new byte[0]);
        writeFolder(dir, files);
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        assertTrue(e.getMessage().contains("test_batch.bin is 0 bytes, expected 30730000"), e.getMessage());
    }

    @Test
    void truncatedEntryInArchiveNamesEntryExpectedAndActualSize() throws IOException {
        Map<String, byte[]> files = files();
        files.put("data_batch_2.bin", Arrays.copyOf(files.get("data_batch_2.bin"), RECORD + 7));
        Files.write(dir.resolve("cifar-10-binary.tar.gz"), tarGz(files));
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        assertTrue(e.getMessage().contains("cifar-10-binary.tar.gz!cifar-10-batches-bin/data_batch_2.bin is 3080 bytes"),
                e.getMessage());
    }

    @Test
    void archiveCutShortIsReportedWithTheEntryItStopsIn() throws IOException {
        // random pixels do not compress: half of the .gz ends inside the third or fourth batch
        byte[] gz = tarGz(files());
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        assertTrue(e.getMessage().startsWith(archive.toString()), e.getMessage());
        assertTrue(e.getMessage().matches(".*data_batch_\\d\\.bin ends after \\d+ of its \\d+ bytes.*"), e.getMessage());
    }

    @Test
    void archiveWithoutTheTestBatchSaysWhatIsMissing() throws IOException {
        Map<String, byte[]> files = files();
        files.remove("test_batch.bin");
        Files.write(dir.resolve("cifar-10-binary.tar.gz"), tarGz(files));
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        assertTrue(e.getMessage().contains("holds no test_batch.bin"), e.getMessage());
    }

    @Test
    void folderWithoutOneBatchSaysWhichOne() throws IOException {
        Map<String, byte[]> files = files();
        files.remove("data_batch_4.bin");
        writeFolder(dir.resolve("cifar-10-batches-bin"), files);
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        assertTrue(e.getMessage().contains("data_batch_4.bin is missing"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        Map<String, byte[]> files = files();
        files.get("data_batch_5.bin")[2 * RECORD] = 10;
        writeFolder(dir, files);
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        assertTrue(e.getMessage().contains("data_batch_5.bin record 2 has label 10, expected 0..9"), e.getMessage());
    }

    @Test
    void withoutLocalFilesOrDownloadSaysWhereItLookedAndHowToGetIt() {
        DataException e = assertThrows(DataException.class, () -> Datasets.load(local()));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve("cifar-10-batches-bin").toString()), m);
        assertTrue(m.contains(dir.resolve("cifar-10-binary.tar.gz").toString()), m);
        assertTrue(m.contains("--download") && m.contains("--data-dir"), m);
        assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), m);
        assertEquals(1, m.lines().count());
    }

    /** Serves {@code body} at /cifar-10-binary.tar.gz with {@code status}; counts requests. */
    URI serve(byte[] body, int status, AtomicInteger hits) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    @Test
    void downloadsChecksAndKeepsTheArchiveThenReadsItLocally() throws Exception {
        Map<String, byte[]> files = files();
        byte[] archive = tarGz(files);
        AtomicInteger hits = new AtomicInteger();
        URI url = serve(archive, 200, hits);
        Path nested = dir.resolve("data").resolve("cifar10");
        DataOptions options = new DataOptions("cifar10", nested, true, url, 0, 0, 0);

        assertSplit(Cifar10.load(options, md5(archive)), files);
        try (Stream<Path> left = Files.list(nested)) {
            assertEquals(List.of(nested.resolve("cifar-10-binary.tar.gz")), left.toList(), "the archive and no temp file");
        }
        assertArrayEquals(archive, Files.readAllBytes(nested.resolve("cifar-10-binary.tar.gz")));

        assertSplit(Cifar10.load(options, md5(archive)), files);
        assertEquals(1, hits.get(), "the second load reads the local copy");
    }

    @Test
    void wrongChecksumFailsInOneLineAndLeavesNoFile() throws Exception {
        byte[] archive = tarGz(files());
        URI url = serve(archive, 200, new AtomicInteger());
        String expected = "0123456789abcdef0123456789abcdef";
        DataException e = assertThrows(DataException.class, () -> Cifar10.load(downloading(url), expected));
        String m = e.getMessage();
        assertTrue(m.contains(url.toString()), m);
        assertTrue(m.contains("expected MD5 " + expected), m);
        assertTrue(m.contains("got " + md5(archive)), m);
        assertEquals(1, m.lines().count());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void thePublicEntryPointChecksTheOfficialChecksum() throws Exception {
        URI url = serve(tarGz(files()), 200, new AtomicInteger());
        DataException e = assertThrows(DataException.class, () -> Datasets.load(downloading(url)));
        assertTrue(e.getMessage().contains("expected MD5 c32a1d4ab5d03f1284b67883e8d87530"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cifar-10-binary.tar.gz")));
    }

    @Test
    void httpErrorFailsAndLeavesNoFile() throws Exception {
        URI url = serve("not here".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 404, new AtomicInteger());
        DataException e = assertThrows(DataException.class, () -> Cifar10.load(downloading(url), "00"));
        assertTrue(e.getMessage().contains(url + " failed: HTTP 404"), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
