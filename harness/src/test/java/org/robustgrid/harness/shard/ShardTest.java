package org.robustgrid.harness.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.SpecException;

class ShardTest {

    @Test
    void fractionAndAbsentFlag() {
        assertEquals(new Shard(2, 8), Shard.parse(" 2/8 ", Map.of()));
        assertEquals(Shard.WHOLE, Shard.parse(null, Map.of()));
        assertEquals("3/5", new Shard(3, 5).toString());
    }

    @Test
    void badFractionsNameWhatIsExpected() {
        for (String bad : new String[] {"2", "0/3", "4/3", "a/b", "-1/3", "2/8x"}) {
            SpecException e = assertThrows(SpecException.class, () -> Shard.parse(bad, Map.of()), bad);
            assertTrue(e.getMessage().contains("expected i/n"), e.getMessage());
        }
    }

    @Test
    void autoFromAOneBasedArray() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "8",
                "SLURM_ARRAY_TASK_COUNT", "8", "SLURM_ARRAY_TASK_STEP", "1");
        assertEquals(new Shard(3, 8), Shard.parse("auto", env));
    }

    @Test
    void autoFromAZeroBasedArrayShiftsToOneBased() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(new Shard(1, 4), Shard.parse("auto", env));
        assertEquals(new Shard(4, 4), Shard.parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_COUNT", "4")));
    }

    @Test
    void autoWithoutCountUsesMinAndMax() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "12", "SLURM_ARRAY_TASK_MIN", "10", "SLURM_ARRAY_TASK_MAX", "14");
        assertEquals(new Shard(3, 5), Shard.parse("auto", env));
    }

    @Test
    void autoWithAStep() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "7",
                "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(new Shard(3, 4), Shard.parse("auto", env));
    }

    @Test
    void autoOutsideAnArrayIsOneLineOfBadInput() {
        SpecException e = assertThrows(SpecException.class, () -> Shard.parse("auto", Map.of("SLURM_JOB_ID", "7")));
        assertTrue(e.getMessage().contains("SLURM_ARRAY_TASK_ID is not set"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void autoRefusesAnUnevenListAndNonsense() {
        // --array=1,2,7: three tasks, but 1..7 is not three evenly spaced ids
        Map<String, String> uneven = Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "7",
                "SLURM_ARRAY_TASK_COUNT", "3");
        assertTrue(assertThrows(SpecException.class, () -> Shard.parse("auto", uneven)).getMessage().contains("evenly spaced"));
        Map<String, String> garbage = Map.of("SLURM_ARRAY_TASK_ID", "x", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "3");
        assertTrue(assertThrows(SpecException.class, () -> Shard.parse("auto", garbage)).getMessage()
                .contains("SLURM_ARRAY_TASK_ID is 'x'"));
        Map<String, String> noMin = Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "3");
        assertTrue(assertThrows(SpecException.class, () -> Shard.parse("auto", noMin)).getMessage().contains("SLURM_ARRAY_TASK_MIN"));
    }
}
