package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredChoicesTest {

    @AfterEach
    void restore() {
        System.clearProperty(IsaCache.DIR_PROPERTY);
    }

    @Test
    void measuresOnceThenReadsTheAnswerForTheSameKeyOnly(@TempDir Path cache) throws Exception {
        System.setProperty(IsaCache.DIR_PROPERTY, cache.toString());
        AtomicInteger measured = new AtomicInteger();
        Map<String, String> a = MeasuredChoices.readOrMeasure("thing", Map.of("key.what", "a"), "answer", where -> {
            measured.incrementAndGet();
            assertTrue(where.startsWith("cached in " + cache), where);
            return Map.of("answer", "42");
        });
        assertEquals("42", a.get("answer"));
        Map<String, String> again = MeasuredChoices.readOrMeasure("thing", Map.of("key.what", "a"), "answer", where -> {
            measured.incrementAndGet();
            return Map.of("answer", "other");
        });
        assertEquals("42", again.get("answer"), "read from the cache, not measured again");
        assertEquals(1, measured.get());
        MeasuredChoices.readOrMeasure("thing", Map.of("key.what", "b"), "answer", where -> {
            measured.incrementAndGet();
            return Map.of("answer", "7");
        });
        assertEquals(2, measured.get(), "another key is another question");
        List<String> names;
        try (var s = Files.list(cache)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(4, names.size(), names.toString()); // two answers, two lock files
        String text = Files.readString(cache.resolve(names.stream().filter(n -> n.endsWith(".properties")).findFirst().orElseThrow()));
        assertTrue(text.contains("key.cpu=") && text.contains("key.threads=") && text.contains("key.isa="), text);
    }
}
