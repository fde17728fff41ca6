package io.pixelpolish.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.tensor.Devices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times full PPO updates (a rollout of K curve steps plus ppo_epochs of forward/backward) on random
 * dark images and prints update_s and images_per_s; with a PyTorch-Python reference script, runs it
 * alternately on the same shapes and threads and prints the speed ratio of paired rounds.
 */
public final class UpdateBenchmark {
    private static final Pattern REFERENCE_RESULT = Pattern.compile("update_s=([0-9.]+)");

    /**
     * @param fullReward the configured composite reward instead of the reference's Sobel-gradient reward
     * @param reference the Python reference (ppo_step_bench.py) to time alternately; null: none
     */
    public record Settings(
            int batch,
            int size,
            int width,
            int iters,
            int warmup,
            int rounds,
            boolean fullReward,
            Path reference,
            String python) {}

    private final Settings settings;

    public UpdateBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** @param cfg the config with the benchmark's shapes applied */
    public void run(PixelPolishConfig cfg, PrintWriter out) throws IOException, InterruptedException {
        Engine.getInstance().setRandomSeed((int) cfg.seed());
        List<Double> ours = new ArrayList<>(), theirs = new ArrayList<>();
        try (PolicyAgent agent = new PolicyAgent(cfg, Devices.select(cfg.device()))) {
            out.printf(
                    "pixelpolish-djl %s %s device=%s threads=%s batch=%d size=%d width=%d steps=%d epochs=%d reward=%s%n",
                    Engine.getInstance().getEngineName(),
                    Engine.getInstance().getVersion(),
                    agent.manager().getDevice(),
                    System.getProperty("ai.djl.pytorch.num_threads", "all"),
                    settings.batch(),
                    settings.size(),
                    settings.width(),
                    cfg.train().episodeLength(),
                    cfg.train().ppoEpochs(),
                    settings.fullReward() ? "composite" : "sobel-gradient");
            Workload workload = new Workload(agent, cfg);
            for (int i = 0; i < settings.warmup(); i++) {
                workload.update();
            }
            workload.takePhases(1);
            long arraysBefore = agent.manager().getManagedArrays().size();
            long rssBefore = residentMegabytes();
            for (int round = 0; round < settings.rounds(); round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < settings.iters(); i++) {
                    workload.update();
                }
                double seconds = (System.nanoTime() - t0) / 1e9 / settings.iters();
                ours.add(seconds);
                double[] phases = workload.takePhases(settings.iters());
                out.printf(
                        "update_s=%.3f images_per_s=%.2f (rollout_s=%.3f learn_s=%.3f rss_mb=%d)%n",
                        seconds, settings.batch() / seconds, phases[0], phases[1], residentMegabytes());
                if (settings.reference() != null) {
                    theirs.add(runReference(out));
                }
            }
            out.printf(
                    "memory: rss_mb %d -> %d, live arrays %d -> %d over %d updates%n",
                    rssBefore,
                    residentMegabytes(),
                    arraysBefore,
                    agent.manager().getManagedArrays().size(),
                    settings.rounds() * settings.iters());
        }
        if (settings.rounds() > 1) {
            out.printf(
                    "median update_s=%.3f images_per_s=%.2f over %d rounds%n",
                    median(ours), settings.batch() / median(ours), settings.rounds());
        }
        if (!theirs.isEmpty()) {
            // Ratios of adjacent rounds cancel the slow drifts of a shared machine better than a ratio of medians.
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < theirs.size(); i++) {
                ratios.add(theirs.get(i) / ours.get(i));
            }
            out.printf(
                    "reference median update_s=%.3f; speedup (reference / ours) median %.2fx, range %.2f-%.2fx over %d paired rounds%n",
                    median(theirs),
                    median(ratios),
                    ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    ratios.size());
        }
    }

    /** One PPO update on fresh random dark images, the reference's workload, timed by phase. */
    private static final class Workload {
        private final PolicyAgent agent;
        private final PixelPolishConfig cfg;
        private final RolloutCollector collector;
        private final PpoUpdate ppo;
        private long rolloutNanos;
        private long learnNanos;

        Workload(PolicyAgent agent, PixelPolishConfig cfg) {
            this.agent = agent;
            this.cfg = cfg;
            collector = new RolloutCollector(
                    agent,
                    new ImageEnv(
                            CompositeReward.fromConfig(cfg.reward()),
                            agent.actions(),
                            cfg.train().episodeLength(),
                            cfg.reward().relative()),
                    cfg.train().bootstrapLastStep());
            ppo = new PpoUpdate(agent, cfg, new Random(cfg.seed()));
        }

        void update() {
            int b = cfg.train().batchSize(), s = cfg.train().cropSize();
            try (NDManager scope = agent.manager().newSubManager()) {
                NDArray images = scope.randomUniform(0f, 0.3f, new Shape(b, 3, s, s), DataType.FLOAT32);
                long t0 = System.nanoTime();
                Rollout rollout = collector.collect(images);
                long t1 = System.nanoTime();
                ppo.run(rollout, 0);
                learnNanos += System.nanoTime() - t1;
                rolloutNanos += t1 - t0;
            }
        }

        /** Seconds per update spent collecting and learning since the last call. */
        double[] takePhases(int updates) {
            double[] phases = {rolloutNanos / 1e9 / updates, learnNanos / 1e9 / updates};
            rolloutNanos = 0;
            learnNanos = 0;
            return phases;
        }
    }

    private double runReference(PrintWriter out) throws IOException, InterruptedException {
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "0");
        ProcessBuilder pb = new ProcessBuilder(
                settings.python(),
                settings.reference().toString(),
                "--batch",
                Integer.toString(settings.batch()),
                "--size",
                Integer.toString(settings.size()),
                "--width",
                Integer.toString(settings.width()),
                "--iters",
                Integer.toString(settings.iters()),
                "--threads",
                threads);
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String last = "";
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                last = line;
            }
        }
        int code = process.waitFor();
        Matcher m = REFERENCE_RESULT.matcher(last);
        if (code != 0 || !m.find()) {
            throw new IOException("reference " + settings.reference() + " failed (exit " + code + "): " + last);
        }
        out.println("  reference: " + last);
        return Double.parseDouble(m.group(1));
    }

    private static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
