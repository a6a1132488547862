package org.robustgrid.harness.shard;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.robustgrid.harness.spi.SpecException;

/**
 * Which part of a grid one run takes: the {@code index}-th (1-based) of {@code count} disjoint parts.
 * Written {@code i/n}; {@code auto} reads it from Slurm's job-array variables.
 *
 * @param index 1-based, at most {@code count}
 * @param count parts the grid is split into, at least 1
 */
public record Shard(int index, int count) {

    /** The whole grid, unsharded. */
    public static final Shard WHOLE = new Shard(1, 1);

    /** The flag value that reads the shard from the job array. */
    public static final String AUTO = "auto";

    private static final Pattern FRACTION = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new SpecException("bad shard " + index + "/" + count + "; expected i/n with 1 <= i <= n");
        }
    }

    /**
     * Parses a {@code --shard} value: {@code i/n}, or {@code auto} from {@code env}.
     *
     * @param text the flag's value, or null for the whole grid
     * @param env the process environment (Slurm's variables when in a job array)
     */
    public static Shard parse(String text, Map<String, String> env) {
        if (text == null) {
            return WHOLE;
        }
        String t = text.strip();
        if (t.equals(AUTO)) {
            return fromSlurm(env);
        }
        Matcher m = FRACTION.matcher(t);
        if (!m.matches()) {
            throw new SpecException("bad --shard '" + text + "'; expected i/n, e.g. 2/8, or auto inside a Slurm job array");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The shard of this Slurm array task: task ids {@code MIN..MAX} (step {@code STEP}, default 1) map
     * to shards {@code 1..n}, so {@code --array=1-8} and {@code --array=0-7} both give 8 shards. The
     * count is {@code SLURM_ARRAY_TASK_COUNT}, or derived from min, max and step when it is absent.
     *
     * <p>These variables describe the submission, not the grid: a task resubmitted alone
     * ({@code sbatch --array=2}) sees an array of one. Scripts that may be resubmitted in parts give
     * {@code --shard "$SLURM_ARRAY_TASK_ID/n"} instead, as {@code robustgrid slurm} writes them.
     */
    static Shard fromSlurm(Map<String, String> env) {
        String id = env.get("SLURM_ARRAY_TASK_ID");
        if (id == null || id.isBlank()) {
            throw new SpecException("--shard auto needs a Slurm job array, but SLURM_ARRAY_TASK_ID is not set; "
                    + "give --shard i/n outside an array");
        }
        int task = variable(env, "SLURM_ARRAY_TASK_ID", -1);
        int min = variable(env, "SLURM_ARRAY_TASK_MIN", -1);
        int max = variable(env, "SLURM_ARRAY_TASK_MAX", -1);
        int step = variable(env, "SLURM_ARRAY_TASK_STEP", 1);
        int count = variable(env, "SLURM_ARRAY_TASK_COUNT", -1);
        if (min < 0) {
            throw new SpecException("--shard auto needs SLURM_ARRAY_TASK_MIN beside SLURM_ARRAY_TASK_ID=" + task
                    + "; give --shard i/n");
        }
        if (step < 1) {
            throw new SpecException("SLURM_ARRAY_TASK_STEP is " + step + "; expected 1 or more");
        }
        if (count < 0) {
            if (max < min) {
                throw new SpecException("--shard auto needs SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MAX; found neither");
            }
            count = (max - min) / step + 1;
        } else if (max >= min && (max - min) / step + 1 != count) {
            throw new SpecException(String.format(Locale.ROOT,
                    "--shard auto needs an evenly spaced array, but tasks %d..%d (step %d) are %d, not %d; submit --array=1-N",
                    min, max, step, (max - min) / step + 1, count));
        }
        if (task < min || (task - min) % step != 0) {
            throw new SpecException("SLURM_ARRAY_TASK_ID " + task + " is not in the array " + min + ".." + max
                    + " with step " + step);
        }
        return new Shard((task - min) / step + 1, count);
    }

    private static int variable(Map<String, String> env, String name, int absent) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SpecException(name + " is '" + v + "'; expected a non-negative integer");
    }

    /** {@code i/n}, as the flag is written. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
