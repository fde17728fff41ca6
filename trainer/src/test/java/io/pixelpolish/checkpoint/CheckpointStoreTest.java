package io.pixelpolish.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.rl.AdamOptimizer;
import io.pixelpolish.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private final PixelPolishConfig cfg = TestConfigs.tiny();

    private static Checkpoint snapshot(int update, PolicyAgent agent, AdamOptimizer adam, PixelPolishConfig cfg) {
        return new Checkpoint(
                update,
                adam.steps(),
                12.5,
                ConfigLoader.toYaml(cfg),
                agent.parameterState().encode(),
                adam.state().encode());
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        try (PolicyAgent trained = new PolicyAgent(cfg, Device.cpu());
                PolicyAgent fresh = new PolicyAgent(TestConfigs.tiny("seed=99"), Device.cpu())) {
            // make the two agents differ first
            trained.parameters().forEach(p -> p.getValue().getArray().addi(0.123f));
            AdamOptimizer adam = new AdamOptimizer(trained.parameters());
            Path file = store.save(snapshot(7, trained, adam, cfg));
            assertThat(file.getFileName()).hasToString("update-000007.ckpt");

            Checkpoint read = CheckpointStore.read(file);
            assertThat(read.update()).isEqualTo(7);
            assertThat(read.elapsedSeconds()).isEqualTo(12.5);
            assertThat(read.configYaml()).isEqualTo(ConfigLoader.toYaml(cfg));
            try (NDManager scratch = fresh.manager().newSubManager()) {
                fresh.restoreParameters(read.modelArrays(scratch));
                new AdamOptimizer(fresh.parameters()).restore(read.optimizerArrays(scratch), read.optimizerSteps());
            }
            NDList a = trained.parameterState(), b = fresh.parameterState();
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).toFloatArray())
                        .as(a.get(i).getName())
                        .containsExactly(a.get(i).toFloatArray());
            }
        }
    }

    @Test
    void tornTempFilesAreNeverLoadedAndDamagedCheckpointsAreSkipped() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            AdamOptimizer adam = new AdamOptimizer(agent.parameters());
            store.save(snapshot(100, agent, adam, cfg));
            Path complete = store.save(snapshot(200, agent, adam, cfg));
            // a crash mid-write leaves a hidden temp file, never a visible checkpoint
            Files.write(
                    dir.resolve(".update-000300.ckpt.tmp"),
                    Files.readAllBytes(complete),
                    java.nio.file.StandardOpenOption.CREATE_NEW);
            assertThat(store.latestReadable())
                    .get()
                    .extracting(Checkpoint::update)
                    .isEqualTo(200);
            // a damaged newest checkpoint (say, a disk error) falls back to the one before
            byte[] bytes = Files.readAllBytes(complete);
            Files.write(complete, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            assertThat(store.latestReadable())
                    .get()
                    .extracting(Checkpoint::update)
                    .isEqualTo(100);
            assertThat(store.removeTornTempFiles()).containsExactly(dir.resolve(".update-000300.ckpt.tmp"));
        }
    }

    @Test
    void theBestCheckpointRemembersItsMetricAndReadsTheOlderGreedyRewardForm() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        assertThat(store.bestScore()).isEmpty();
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            Checkpoint checkpoint = snapshot(3, agent, new AdamOptimizer(agent.parameters()), cfg);
            store.saveBest(checkpoint, new CheckpointStore.BestScore("val/niqe", 5.25));
            assertThat(store.bestScore()).contains(new CheckpointStore.BestScore("val/niqe", 5.25));

            Path legacy = dir.resolve("legacy");
            Path file = new CheckpointStore(legacy, 2).saveBest(checkpoint, new CheckpointStore.BestScore("x", 0));
            rewriteMeta(file, "{\"format\": 1, \"update\": 3, \"greedy_reward\": 0.42}");
            assertThat(new CheckpointStore(legacy, 2).bestScore())
                    .contains(new CheckpointStore.BestScore("eval/greedy_reward", 0.42));
        }
    }

    /** A copy of the zip {@code file} with another meta.json, as checkpoints before checkpoint.best wrote it. */
    private static void rewriteMeta(Path file, String meta) throws IOException {
        Path copy = file.resolveSibling("copy.zip");
        try (var in = new ZipFile(file.toFile());
                var out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (var entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(
                        entry.getName().equals("meta.json")
                                ? meta.getBytes(StandardCharsets.UTF_8)
                                : in.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
        }
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void keepsOnlyTheNewestPeriodicCheckpointsAndTheFinalOne() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            AdamOptimizer adam = new AdamOptimizer(agent.parameters());
            for (int update : new int[] {10, 20, 30, 40}) {
                store.save(snapshot(update, agent, adam, cfg));
            }
            store.saveFinal(snapshot(40, agent, adam, cfg));
        }
        assertThat(store.periodic())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("update-000040.ckpt", "update-000030.ckpt");
        assertThat(dir.resolve(CheckpointStore.FINAL)).isRegularFile();
    }

    @Test
    void aFileThatIsNotACheckpointIsNamedInTheError() throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.ckpt"), "not a zip");
        assertThatThrownBy(() -> CheckpointStore.read(bogus))
                .hasMessageContaining("bogus.ckpt")
                .hasMessageContaining("not a readable checkpoint");
        assertThatThrownBy(() -> CheckpointStore.read(dir.resolve("missing.ckpt")))
                .hasMessageContaining("missing.ckpt");
    }

    @Test
    void restoringIntoANetworkOfAnotherWidthSaysSo() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        Path file;
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            file = store.save(snapshot(1, agent, new AdamOptimizer(agent.parameters()), cfg));
        }
        try (PolicyAgent wider = new PolicyAgent(TestConfigs.tiny("model.width=12"), Device.cpu());
                NDManager scratch = wider.manager().newSubManager()) {
            NDList saved = CheckpointStore.read(file).modelArrays(scratch);
            assertThatThrownBy(() -> wider.restoreParameters(saved)).hasMessageContaining("model.width");
        }
    }
}
