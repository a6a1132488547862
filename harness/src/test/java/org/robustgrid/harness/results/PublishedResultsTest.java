package org.robustgrid.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every results file published in the repository loads with this harness, whatever schema it was written in. */
class PublishedResultsTest {

    static Stream<Path> published() throws Exception {
        Path root = Path.of("..", "results");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("results.csv")).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("published")
    void loads(Path file) {
        List<ResultRow> rows = ResultsStore.read(file);
        assertTrue(rows.size() > 0, file.toString());
        for (ResultRow r : rows) {
            assertEquals(!r.model().partitioner().equals("none"), r.model().federated(), r.toString());
            assertTrue(!r.ok() || r.measures().robustAcc() >= 0, r.toString());
        }
    }
}
