package io.pixelpolish.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.rl.AdamOptimizer;
import io.pixelpolish.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
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
    void tornTempFilesAreNeverLoadedAndADamagedCheckpointIsSetAsideForTheOneBefore() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            AdamOptimizer adam = new AdamOptimizer(agent.parameters());
            store.save(snapshot(100, agent, adam, cfg));
            Path complete = store.save(snapshot(200, agent, adam, cfg));
            // a crash mid-write leaves a hidden temp file of that writer, never a visible checkpoint
            Path torn = dir.resolve(".update-000300.ckpt.4242-x1y2.tmp");
            Files.write(torn, Arrays.copyOf(Files.readAllBytes(complete), 100));
            Path legacyTorn = dir.resolve(".best.ckpt.tmp");
            Files.write(legacyTorn, new byte[] {1, 2, 3});
            assertThat(store.newestIntact(false))
                    .get()
                    .extracting(Checkpoint::update)
                    .isEqualTo(200);
            // a damaged newest checkpoint (say, a disk error) falls back to the one before
            byte[] bytes = Files.readAllBytes(complete);
            Files.write(complete, Arrays.copyOf(bytes, bytes.length / 2));
            assertThat(store.newestIntact(false))
                    .get()
                    .extracting(Checkpoint::update)
                    .isEqualTo(100);
            assertThat(complete).doesNotExist();
            assertThat(dir.resolve("update-000200.ckpt.damaged"))
                    .as("kept for a look, out of the way of resume and pruning")
                    .isRegularFile();
            assertThat(store.periodic())
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("update-000100.ckpt");
            assertThat(store.removeTornTempFiles()).containsExactlyInAnyOrder(torn, legacyTorn);
        }
    }

    @Test
    void whenEveryCheckpointIsDamagedTheRunRefusesToStartOverUnlessToldTo() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            AdamOptimizer adam = new AdamOptimizer(agent.parameters());
            for (int update : new int[] {1, 2}) {
                Path file = store.save(snapshot(update, agent, adam, cfg));
                Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 64));
            }
        }
        assertThatThrownBy(() -> store.newestIntact(false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("every checkpoint in " + dir + " is damaged")
                .hasMessageContaining("update-000002.ckpt: ", "update-000001.ckpt: ", "--restart-if-damaged");
        assertThat(store.periodic()).as("nothing touched when refusing").hasSize(2);

        assertThat(store.newestIntact(true)).isEmpty();
        assertThat(store.periodic()).isEmpty();
        assertThat(dir.resolve("update-000001.ckpt.damaged")).isRegularFile();
        assertThat(dir.resolve("update-000002.ckpt.damaged")).isRegularFile();
    }

    @Test
    void aFlippedBitIsCaughtByTheDigestAndNamed() throws IOException {
        Path file = savedFinal();
        // the weights replaced by other valid bytes, zip CRCs matching: only the digest can tell
        rewrite(file, ZipEntry.DEFLATED, Map.of(), CheckpointStoreTest::flipOneBit);
        assertThatThrownBy(() -> CheckpointStore.read(file))
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessage("checkpoint " + file + " is damaged: model.ndlist fails its SHA-256 check");
    }

    @Test
    void aCheckpointWithoutDigestsStillLoadsAndItsEntriesCrcsAreChecked() throws IOException {
        Path file = savedFinal();
        String legacyMeta = "{\"format\": 1, \"update\": 1, \"optimizer_steps\": 0, \"elapsed_s\": 0}";
        // stored, not deflated: the zip reader hands over such an entry's bytes without checking its CRC
        rewrite(file, ZipEntry.STORED, Map.of("meta.json", legacyMeta.getBytes(StandardCharsets.UTF_8)), b -> b);
        assertThat(CheckpointStore.read(file).update()).isEqualTo(1);

        byte[] bytes = Files.readAllBytes(file);
        int model = indexOf(bytes, "model.ndlist".getBytes(StandardCharsets.US_ASCII)) + 200;
        bytes[model] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> CheckpointStore.read(file))
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessage("checkpoint " + file + " is damaged: model.ndlist fails its CRC check");
    }

    @Test
    void garbageWeightsWithoutDigestsAreNamedAsDamaged() throws IOException {
        Path file = savedFinal();
        rewrite(
                file,
                ZipEntry.DEFLATED,
                Map.of("meta.json", "{\"format\": 1, \"update\": 1}".getBytes(StandardCharsets.UTF_8)),
                b -> "not an NDList at all".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CheckpointStore.read(file))
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessageStartingWith("checkpoint " + file + " is damaged: model.ndlist holds no arrays");
    }

    @Test
    void theReleasedCheckpointCarriesTheDigestsItIsVerifiedBy() throws IOException {
        Path release = ShippedModel.checkpoint();
        try (ZipFile zip = new ZipFile(release.toFile())) {
            assertThat(new String(zip.getInputStream(zip.getEntry("meta.json")).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("sha256", "model.ndlist", "optimizer.ndlist", "config.yaml");
        }
        assertThat(CheckpointStore.read(release).update()).isPositive();
    }

    @Test
    void aFailedWriteNamesTheCheckpointLeavesNoTempFileAndKeepsTheOldOne() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        // a non-empty folder where final.ckpt goes: the rename over it fails, as on a broken disk
        Files.createDirectories(dir.resolve(CheckpointStore.FINAL).resolve("in-the-way"));
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            Checkpoint checkpoint = snapshot(1, agent, new AdamOptimizer(agent.parameters()), cfg);
            assertThatThrownBy(() -> store.saveFinal(checkpoint))
                    .isInstanceOf(CannotWriteException.class)
                    .hasMessageStartingWith("cannot write " + dir.resolve(CheckpointStore.FINAL) + ": ");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(CheckpointStore.FINAL);
        }
    }

    @Test
    void aDamagedBestCheckpointIsNoBestScore() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            Path best = store.saveBest(
                    snapshot(3, agent, new AdamOptimizer(agent.parameters()), cfg),
                    new CheckpointStore.BestScore("val/niqe", 5.25));
            rewrite(best, ZipEntry.DEFLATED, Map.of(), CheckpointStoreTest::flipOneBit);
        }
        assertThat(store.bestScore()).as("the next best policy replaces it").isEmpty();
    }

    private Path savedFinal() throws IOException {
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            return new CheckpointStore(dir, 1)
                    .saveFinal(snapshot(1, agent, new AdamOptimizer(agent.parameters()), cfg));
        }
    }

    private static byte[] flipOneBit(byte[] bytes) {
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 5] ^= 0x01;
        return flipped;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /**
     * Rewrites the zip {@code file} as a valid zip (fresh CRCs) with entries stored by {@code method},
     * {@code replaced} entries swapped in and model.ndlist passed through {@code model}.
     */
    private static void rewrite(Path file, int method, Map<String, byte[]> replaced, UnaryOperator<byte[]> model)
            throws IOException {
        Path copy = file.resolveSibling("copy.zip");
        try (var in = new ZipFile(file.toFile());
                var out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (var entry : Collections.list(in.entries())) {
                byte[] bytes = replaced.containsKey(entry.getName())
                        ? replaced.get(entry.getName())
                        : in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("model.ndlist")) {
                    bytes = model.apply(bytes);
                }
                ZipEntry written = new ZipEntry(entry.getName());
                written.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    written.setSize(bytes.length);
                    written.setCrc(crc.getValue());
                }
                out.putNextEntry(written);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
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
            rewrite(
                    file,
                    ZipEntry.DEFLATED,
                    Map.of(
                            "meta.json",
                            "{\"format\": 1, \"update\": 3, \"greedy_reward\": 0.42}".getBytes(StandardCharsets.UTF_8)),
                    b -> b);
            assertThat(new CheckpointStore(legacy, 2).bestScore())
                    .contains(new CheckpointStore.BestScore("eval/greedy_reward", 0.42));
        }
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
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessageStartingWith("checkpoint " + bogus + " is damaged: not a readable checkpoint");
        assertThatThrownBy(() -> CheckpointStore.read(dir.resolve("missing.ckpt")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("missing.ckpt") + ": no such checkpoint file");
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
