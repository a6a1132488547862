package org.robustgrid.harness.shard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Slurm batch script that runs a grid as a job array: task {@code i} of {@code 1..shards} runs shard
 * {@code i/shards} into {@code out/shard-i}, appending to {@code out/logs/shard-i.log}. Because every
 * task's folder and shard depend on its task id alone, a task resubmitted later (after a time limit,
 * a preemption or a {@code scancel}) resumes in the same folder: finished evaluations are skipped,
 * checkpoints reused.
 *
 * @param jobName Slurm job name
 * @param shards array tasks, one shard each
 * @param out the grid's output folder (absolute): shard folders, logs, the merged results
 * @param launcher the {@code robustgrid} launcher (absolute)
 * @param gridArgs how {@code run} names the grid: a grid file or {@code --preset NAME}
 * @param runFlags flags given to every task's {@code run}
 * @param resources {@code #SBATCH} options beyond the array's own ({@code --partition=P}, {@code --time=T}...)
 * @param gridLine a comment line describing the grid (its hash, models, evaluations)
 */
public record SbatchScript(String jobName, int shards, Path out, Path launcher, List<String> gridArgs,
        List<String> runFlags, List<String> resources, String gridLine) {

    /** Folder of the tasks' logs inside {@link #out}. */
    public static final String LOGS = "logs";
    /** Prefix of each task's folder inside {@link #out}; the task id follows. */
    public static final String SHARD_PREFIX = "shard-";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    public SbatchScript {
        gridArgs = List.copyOf(gridArgs);
        runFlags = List.copyOf(runFlags);
        resources = List.copyOf(resources);
    }

    /** The script's text. */
    public String text() {
        String n = Integer.toString(shards);
        String outDir = quote(out.toString());
        List<String> run = new ArrayList<>();
        run.add(quote(launcher.toString()));
        run.add("run");
        gridArgs.forEach(a -> run.add(quote(a)));
        run.add("--shard");
        run.add("\"${task}/" + n + "\"");
        run.add("--out");
        run.add(outDir + "/\"" + SHARD_PREFIX + "${task}\"");
        runFlags.forEach(a -> run.add(quote(a)));
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# robustgrid: ").append(gridLine).append('\n');
        s.append("# A Slurm job array: task i runs shard i/").append(n).append(" into ").append(out).append("/shard-i,\n");
        s.append("# its log appended to ").append(out.resolve(LOGS)).append("/shard-i.log.\n");
        s.append("#   submit:      sbatch ").append(quote(script().toString())).append('\n');
        s.append("#   rerun tasks: sbatch --array=2,5 ").append(quote(script().toString()))
                .append("   (a killed task resumes from its folder)\n");
        s.append("#   merge:       ").append(mergeCommand()).append('\n');
        sbatch(s, "--job-name=" + jobName);
        sbatch(s, "--array=1-" + n);
        sbatch(s, "--ntasks=1");
        sbatch(s, "--output=" + out.resolve(LOGS) + "/" + SHARD_PREFIX + "%a.log");
        sbatch(s, "--open-mode=append");
        resources.forEach(r -> sbatch(s, r));
        s.append("set -euo pipefail\n");
        s.append("# One OpenMP/oneDNN thread per CPU that Slurm gave the task: more threads than CPUs thrash\n");
        s.append("# (tasks sharing a node would each start one thread per core of the node).\n");
        s.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        s.append("# The shard is the task id over the array size written here, not --shard auto: a task\n");
        s.append("# resubmitted alone (sbatch --array=2) sees SLURM_ARRAY_TASK_COUNT=1.\n");
        s.append("task=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array}\"\n");
        s.append("echo \"robustgrid shard ${task}/").append(n)
                .append(": job ${SLURM_ARRAY_JOB_ID:-?}_${task} (${SLURM_JOB_ID:-?}) on $(hostname) at $(date -Is)\"\n");
        s.append("exec ").append(String.join(" ", run)).append('\n');
        return s.toString();
    }

    /** Where the script is written: beside the shard folders. */
    public Path script() {
        return out.resolve("slurm-array.sh");
    }

    /** The command that merges the shards once every task is done. */
    public String mergeCommand() {
        return quote(launcher.toString()) + " merge -o " + quote(out.resolve("results.csv").toString()) + " "
                + quote(out.toString()) + "/" + SHARD_PREFIX + "*";
    }

    private static void sbatch(StringBuilder s, String option) {
        s.append("#SBATCH ").append(option).append('\n');
    }

    /** {@code arg} as one shell word: unchanged when plain, else in single quotes. */
    public static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** The {@code #SBATCH} resource options for the given settings; null or non-positive values are left out. */
    public static List<String> resources(String partition, int cpusPerTask, int gpusPerTask, String time, String mem,
            String account, List<String> extra) {
        List<String> r = new ArrayList<>();
        if (partition != null) {
            r.add("--partition=" + partition);
        }
        r.add(String.format(Locale.ROOT, "--cpus-per-task=%d", Math.max(1, cpusPerTask)));
        if (gpusPerTask > 0) {
            // --gres works with select/cons_res and cons_tres alike; --gpus-per-task needs cons_tres
            r.add("--gres=gpu:" + gpusPerTask);
        }
        if (time != null) {
            r.add("--time=" + time);
        }
        if (mem != null) {
            r.add("--mem=" + mem);
        }
        if (account != null) {
            r.add("--account=" + account);
        }
        r.addAll(extra);
        return r;
    }
}
