package io.pixelpolish.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.run.MetricsLog;
import io.pixelpolish.testing.CliRunner;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a run folder meets, injected into the packaged trainer run as a separate process: kill -9,
 * SIGTERM, a second trainer on the same run, damaged checkpoints, a torn metrics line, a read-only
 * folder and a full disk. Each time nothing is lost or silently wrong: a resumed run's history has
 * no gap and no duplicate, and every refusal is one line naming the path, with exit code 2.
 *
 * <p>The read-only and disk-full cases mount a small tmpfs, which needs root (or CAP_SYS_ADMIN);
 * without it they are skipped saying so, or fail when {@value #MOUNT_REQUIRED} is true.
 */
class RunFolderFaultsIT {
    static final String MOUNT_REQUIRED = "PIXELPOLISH_TEST_MOUNT_REQUIRED";
    private static final Path LAUNCHER = SharedData.repoRoot().resolve("bin/pixelpolish");
    private static final Duration LONGEST = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private Path data;
    private Path runs;
    private int launches;
    private final List<Path> mounts = new ArrayList<>();

    private record Ended(int exitCode, String output) {}

    private record Launched(Process process, Path log) {
        Ended finish() throws IOException, InterruptedException {
            assertThat(process.waitFor(LONGEST.toSeconds(), TimeUnit.SECONDS))
                    .as("ended in time")
                    .isTrue();
            return new Ended(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void folders() {
        // The shipped sample images: tiny runs on them train steadily, update after update.
        data = SharedData.repoRoot().resolve("examples/images");
        runs = dir.resolve("runs");
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts) {
            exec("umount", "-l", mount.toString());
        }
    }

    /** {@code train} of a tiny run, its console going to a log file read back when it ends. */
    private Launched train(Path outputDir, String runName, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                LAUNCHER.toString(),
                "train",
                "--data-root",
                data.toString(),
                "--output-dir",
                outputDir.toString(),
                "--run-name",
                runName,
                "--set",
                "train.sample_interval=1000",
                "--set",
                "checkpoint.keep_last=5"));
        command.addAll(CliRunner.TINY_TRAINING);
        for (String option : more) {
            if (option.startsWith("--")) {
                command.add(option);
            } else {
                command.addAll(List.of("--set", option));
            }
        }
        Path log = dir.resolve(runName + "-" + ++launches + ".log");
        Process process = new ProcessBuilder(command)
                .directory(SharedData.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Launched(process, log);
    }

    private static List<Integer> loggedUpdates(Path run) throws IOException {
        return MetricsLog.read(run.resolve("metrics.jsonl")).stream()
                .map(row -> row.get("update").asInt())
                .toList();
    }

    private static List<Integer> oneTo(int last) {
        return IntStream.rangeClosed(1, last).boxed().toList();
    }

    /** Complete lines of metrics.jsonl so far, read while the trainer appends. */
    private static long linesSoFar(Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        if (!Files.exists(metrics)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(metrics);
        return IntStream.range(0, bytes.length).filter(i -> bytes[i] == '\n').count();
    }

    /** A long run under {@code runs/}, once it has logged {@code updates} updates: time to inject a fault. */
    private Launched trainingFor(int updates, String runName, String checkpointInterval) throws IOException {
        Launched launched = train(runs, runName, "train.total_updates=500", checkpointInterval);
        await().atMost(LONGEST)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> linesSoFar(runs.resolve(runName)) >= updates);
        return launched;
    }

    private static int newestCheckpoint(Path run) throws IOException {
        return CheckpointStore.read(new CheckpointStore(run.resolve("checkpoints"), 5)
                        .periodic()
                        .get(0))
                .update();
    }

    @Test
    void killedMidUpdateAndMidCheckpointTheResumedRunHasNoGapsOrDuplicates() throws Exception {
        Path run = runs.resolve("killed");
        Launched first = trainingFor(5, "killed", "checkpoint.interval=2");
        first.process().destroyForcibly();
        assertThat(first.finish().exitCode()).as("SIGKILL").isEqualTo(137);
        int newest = newestCheckpoint(run);
        Path checkpoints = run.resolve("checkpoints");
        // What a kill mid-checkpoint leaves: the next checkpoint half-written under its writer's temp name.
        Path torn = checkpoints.resolve(".update-%06d.ckpt.4242-torn.tmp".formatted(newest + 2));
        Files.write(
                torn,
                Arrays.copyOf(Files.readAllBytes(checkpoints.resolve("update-%06d.ckpt".formatted(newest))), 999));
        // What power loss mid-append leaves: a torn last line.
        Files.writeString(
                run.resolve("metrics.jsonl"),
                "{\"update\":" + (linesSoFar(run) + 1) + ",\"rewards/me",
                StandardOpenOption.APPEND);

        Ended resumed = train(
                        runs, "killed", "train.total_updates=" + (newest + 3), "checkpoint.interval=2", "--resume")
                .finish();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output())
                .contains("removed " + torn + " left by an interrupted checkpoint write")
                .contains(run.resolve("metrics.jsonl") + ": dropped line ")
                .contains("resuming run killed from update " + newest);
        assertThat(torn).doesNotExist();
        assertThat(loggedUpdates(run)).isEqualTo(oneTo(newest + 3));
    }

    @Test
    void sigtermWritesAStopCheckpointExits143AndResumeContinues() throws Exception {
        Path run = runs.resolve("stopped");
        Launched first = trainingFor(3, "stopped", "checkpoint.interval=100");
        first.process().destroy();
        Ended stopped = first.finish();

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(143);
        List<Integer> logged = loggedUpdates(run);
        int stoppedAt = logged.get(logged.size() - 1);
        assertThat(stoppedAt)
                .as("stopped long before the first periodic checkpoint")
                .isLessThan(100);
        assertThat(newestCheckpoint(run)).as("the stop checkpoint").isEqualTo(stoppedAt);
        assertThat(logged).isEqualTo(oneTo(stoppedAt));

        Ended resumed = train(runs, "stopped", "train.total_updates=" + (stoppedAt + 2), "--resume")
                .finish();
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(loggedUpdates(run)).isEqualTo(oneTo(stoppedAt + 2));
    }

    @Test
    void aSecondTrainerOnTheRunIsRefusedAndTheFirstEndsIntact() throws Exception {
        Path run = runs.resolve("shared");
        Launched first = trainingFor(2, "shared", "checkpoint.interval=2");

        Ended second = train(runs, "shared", "train.total_updates=500", "checkpoint.interval=2", "--resume")
                .finish();

        assertThat(second.exitCode()).as(second.output()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(second.output())
                .contains("error: run folder " + run + " is in use by another trainer (pid "
                        + first.process().pid() + " on host ")
                .doesNotContain("\tat ");
        assertThat(first.process().isAlive()).as("the first trainer goes on").isTrue();
        first.process().destroy();
        assertThat(first.finish().exitCode()).isEqualTo(143);
        List<Integer> logged = loggedUpdates(run);
        assertThat(logged).isEqualTo(oneTo(logged.size()));
        CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 5);
        assertThat(newestCheckpoint(run)).isEqualTo(logged.size());
        for (Path checkpoint : store.periodic()) {
            assertThat(CheckpointStore.read(checkpoint).update()).isPositive();
        }
    }

    @Test
    void damagedCheckpointsAreSkippedForAnOlderOneAndWhenAllAreDamagedTheRunRefusesToStartOver() throws Exception {
        Path run = runs.resolve("damaged");
        Ended trained = train(runs, "damaged", "train.total_updates=4", "checkpoint.interval=1")
                .finish();
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        Path checkpoints = run.resolve("checkpoints");
        Path flipped = checkpoints.resolve("update-000004.ckpt"), truncated = checkpoints.resolve("update-000003.ckpt");
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(flipped, bytes);
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(truncated), 4000));

        Ended resumed = train(runs, "damaged", "train.total_updates=5", "checkpoint.interval=1", "--resume")
                .finish();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output())
                .contains("checkpoint " + flipped + " is damaged: ", "checkpoint " + truncated + " is damaged: ")
                .contains("resuming run damaged from update 2");
        assertThat(checkpoints.resolve("update-000004.ckpt.damaged")).isRegularFile();
        assertThat(loggedUpdates(run)).isEqualTo(oneTo(5));

        try (Stream<Path> files = Files.list(checkpoints)) {
            for (Path checkpoint : files.filter(f -> f.toString().matches(".*/update-\\d+\\.ckpt"))
                    .toList()) {
                Files.write(checkpoint, Arrays.copyOf(Files.readAllBytes(checkpoint), 100));
            }
        }
        Ended refused = train(runs, "damaged", "train.total_updates=6", "checkpoint.interval=1", "--resume")
                .finish();
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(refused.output())
                .contains("error: every checkpoint in " + checkpoints + " is damaged (update-000005.ckpt: ")
                .contains("--restart-if-damaged")
                .doesNotContain("\tat ");
        assertThat(loggedUpdates(run)).as("the history is kept").isEqualTo(oneTo(5));

        Ended restarted = train(
                        runs,
                        "damaged",
                        "train.total_updates=2",
                        "checkpoint.interval=1",
                        "--resume",
                        "--restart-if-damaged")
                .finish();
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(loggedUpdates(run)).isEqualTo(oneTo(2));
    }

    @Test
    void aReadOnlyOutputFolderIsNamedAndNothingIsWritten() throws Exception {
        Path mount = mountTmpfs("read-only", "size=8m");
        Ended trained = train(mount, "r", "train.total_updates=1").finish();
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        String before = Files.readString(mount.resolve("r/metrics.jsonl"));
        assertThat(exec("mount", "-o", "remount,ro", mount.toString())).isZero();

        Ended resumed = train(mount, "r", "train.total_updates=2", "--resume").finish();
        assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(resumed.output())
                .contains("error: cannot write " + mount.resolve("r/writer.lock") + ": Read-only file system")
                .doesNotContain("\tat ");
        assertThat(mount.resolve("r/metrics.jsonl")).hasContent(before);

        Ended fresh = train(mount, "new", "train.total_updates=1").finish();
        assertThat(fresh.exitCode()).as(fresh.output()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(fresh.output()).contains("error: cannot write " + mount.resolve("new"));
    }

    @Test
    void aFullDiskEndsWithOneLineLeavesNothingHalfWrittenAndTheRunResumesOnceThereIsRoom() throws Exception {
        Path mount = mountTmpfs("full", "size=1m");
        Path filler = mount.resolve("filler");
        fill(filler);
        // Room for the run's small files, not for a checkpoint (tens of KiB even at model.width=8).
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 16 * 1024);
        }
        Path run = mount.resolve("r");

        Ended full = train(mount, "r", "train.total_updates=3", "checkpoint.interval=1")
                .finish();

        assertThat(full.exitCode()).as(full.output()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(full.output())
                .containsPattern("error: cannot write " + run + "/\\S+: No space left on device")
                .doesNotContain("\tat ");
        try (Stream<Path> files = Files.walk(run)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
            for (Path checkpoint :
                    all.stream().filter(f -> f.toString().endsWith(".ckpt")).toList()) {
                assertThat(CheckpointStore.read(checkpoint).update())
                        .as("a checkpoint under its final name is whole")
                        .isPositive();
            }
        }

        Files.delete(filler);
        Ended resumed = train(mount, "r", "train.total_updates=3", "checkpoint.interval=1", "--resume")
                .finish();
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(loggedUpdates(run)).isEqualTo(oneTo(3));
    }

    /** Fills the file system {@code file} is on, as another program would. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
    }

    private Path mountTmpfs(String name, String options) throws Exception {
        Path mount = Files.createDirectories(dir.resolve(name));
        int status = exec("mount", "-t", "tmpfs", "-o", options, "tmpfs", mount.toString());
        String why = "skipped: cannot mount a " + options + " tmpfs at " + mount + " (needs root or CAP_SYS_ADMIN)";
        if (status != 0 && "true".equalsIgnoreCase(System.getenv(MOUNT_REQUIRED))) {
            fail(why + " [" + MOUNT_REQUIRED + "=true: failing instead of skipping]");
        }
        Assumptions.assumeTrue(status == 0, why);
        mounts.add(mount);
        return mount;
    }

    /** Exit status of a system command; -1 when it is not there. */
    private static int exec(String... command) throws InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor();
        } catch (IOException notThere) {
            return -1;
        }
    }
}
