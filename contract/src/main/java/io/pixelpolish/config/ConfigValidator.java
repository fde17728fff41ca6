package io.pixelpolish.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.config.PixelPolishConfig.Range;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Value checks that types alone cannot express; collects every problem instead of stopping at the first. */
public final class ConfigValidator {
    /** Training crops beyond this side would not fit a rollout in memory at any batch size worth running. */
    static final int MAX_CROP_SIZE = 4096;

    /** Pixels of one rollout's batch of crops: 64 Mpx, tens of GB of activations at the default width. */
    static final long MAX_ROLLOUT_PIXELS = 1L << 26;

    private final List<String> problems = new ArrayList<>();

    static List<String> validate(PixelPolishConfig c) {
        ConfigValidator v = new ConfigValidator();
        v.check(c);
        return v.problems;
    }

    private void check(PixelPolishConfig c) {
        finite("", ConfigLoader.YAML.valueToTree(c));
        var a = c.action();
        range("action.gamma_range", a.gammaRange(), 1e-3, 100);
        range("action.alpha_range", a.alphaRange(), 1e-3, 100);
        range("action.beta_range", a.betaRange(), -1, 1);
        range("action.log_std_range", a.logStdRange(), -20, 5);
        require(
                a.initLogStd() >= a.logStdRange().min()
                        && a.initLogStd() <= a.logStdRange().max(),
                "action.init_log_std",
                "within action.log_std_range",
                a.initLogStd());
        if (a.initIdentity()) {
            require(
                    inside(a.gammaRange(), 1),
                    "action.gamma_range",
                    "to contain 1 when init_identity is true",
                    a.gammaRange());
            require(
                    inside(a.alphaRange(), 1),
                    "action.alpha_range",
                    "to contain 1 when init_identity is true",
                    a.alphaRange());
            require(
                    inside(a.betaRange(), 0),
                    "action.beta_range",
                    "to contain 0 when init_identity is true",
                    a.betaRange());
        }

        atLeast("action.noise_block", a.noiseBlock(), 1);
        require(a.toe() >= 0 && a.toe() <= 1, "action.toe", "in [0, 1] (0: the seed's power curve)", a.toe());
        require(
                a.chromaExponent() >= 0 && a.chromaExponent() <= 1,
                "action.chroma_exponent",
                "in [0, 1]",
                a.chromaExponent());
        require(
                a.meanSmoothing() >= 1 && a.meanSmoothing() % 2 == 1,
                "action.mean_smoothing",
                "an odd number >= 1",
                a.meanSmoothing());

        var m = c.model();
        atLeast("model.width", m.width(), 1);
        require(
                m.dilations() != null && m.dilations().size() == 4,
                "model.dilations",
                "a list of 4 dilations",
                m.dilations());
        if (m.dilations() != null) {
            for (int i = 0; i < m.dilations().size(); i++) {
                atLeast("model.dilations[" + i + "]", m.dilations().get(i), 1);
            }
        }

        var r = c.reward();
        atLeast("reward.entropy_bins", r.entropyBins(), 2);
        atLeast("reward.entropy_window", r.entropyWindow(), 2);
        atLeast("reward.eme_block", r.emeBlock(), 2);
        require(r.emeEpsilon() > 0, "reward.eme_epsilon", "> 0", r.emeEpsilon());
        require(
                r.exposureTarget() > 0 && r.exposureTarget() < 1,
                "reward.exposure_target",
                "in (0, 1)",
                r.exposureTarget());
        atLeast("reward.exposure_patch", r.exposurePatch(), 1);
        nonNegative("reward.weights", r.weights());
        positive("reward.scales", r.scales());

        var t = c.train();
        atLeast("train.batch_size", t.batchSize(), 1);
        atLeast("train.episode_length", t.episodeLength(), 1);
        atLeast("train.ppo_epochs", t.ppoEpochs(), 1);
        atLeast("train.minibatches", t.minibatches(), 1);
        require(
                t.minibatches() <= t.batchSize() * t.episodeLength(),
                "train.minibatches",
                "at most batch_size * episode_length = " + t.batchSize() * t.episodeLength(),
                t.minibatches());
        require(t.clipRatio() > 0 && t.clipRatio() < 1, "train.clip_ratio", "in (0, 1)", t.clipRatio());
        require(t.entropyCoef() >= 0, "train.entropy_coef", ">= 0", t.entropyCoef());
        require(t.entropyCoefMin() >= 0, "train.entropy_coef_min", ">= 0", t.entropyCoefMin());
        require(t.valueCoef() >= 0, "train.value_coef", ">= 0", t.valueCoef());
        require(t.gaeGamma() >= 0 && t.gaeGamma() <= 1, "train.gae_gamma", "in [0, 1]", t.gaeGamma());
        require(t.gaeLambda() >= 0 && t.gaeLambda() <= 1, "train.gae_lambda", "in [0, 1]", t.gaeLambda());
        require(t.lr() > 0, "train.lr", "> 0", t.lr());
        require(t.maxGradNorm() > 0, "train.max_grad_norm", "> 0", t.maxGradNorm());
        require(t.targetKl() >= 0, "train.target_kl", ">= 0 (0 disables)", t.targetKl());
        atLeast("train.total_updates", t.totalUpdates(), 1);
        atLeast("train.crop_size", t.cropSize(), Math.max(16, r.emeBlock()));
        require(
                t.cropSize() <= MAX_CROP_SIZE
                        && (long) t.batchSize() * t.cropSize() * t.cropSize() <= MAX_ROLLOUT_PIXELS,
                "train.crop_size",
                "at most " + MAX_CROP_SIZE + " and batch_size * crop_size^2 at most " + MAX_ROLLOUT_PIXELS
                        + " pixels (every curve step of a rollout keeps activations of model.width channels per pixel;"
                        + " batch_size = " + t.batchSize() + ")",
                t.cropSize());
        if (r.weights().niqe() > 0) {
            int block = PixelPolishConfig.Reward.NIQE_BLOCK;
            require(
                    t.cropSize() >= 2 * block,
                    "train.crop_size",
                    ">= " + 2 * block + " when reward.weights.niqe > 0 (NIQE needs two whole " + block + "x" + block
                            + " blocks)",
                    t.cropSize());
        }
        require(
                t.cropSize() % r.emeBlock() == 0,
                "train.crop_size",
                "a multiple of reward.eme_block = " + r.emeBlock(),
                t.cropSize());
        require(
                a.noiseBlock() >= 1 && t.cropSize() % a.noiseBlock() == 0,
                "train.crop_size",
                "a multiple of action.noise_block = " + a.noiseBlock(),
                t.cropSize());
        atLeast("train.eval_interval", t.evalInterval(), 1);
        atLeast("train.sample_interval", t.sampleInterval(), 1);
        atLeast("train.sample_images", t.sampleImages(), 0);
        require(
                t.hackingWindow() == 0 || t.hackingWindow() >= 3,
                "train.hacking_window",
                "0 (off) or at least 3 updates",
                t.hackingWindow());

        var g = c.grpo();
        atLeast("grpo.group_size", g.groupSize(), 2);
        if (t.algorithm() == PixelPolishConfig.Algorithm.GRPO) {
            require(
                    g.groupSize() >= 2 && t.batchSize() % g.groupSize() == 0,
                    "train.batch_size",
                    "a multiple of grpo.group_size = " + g.groupSize() + " (each image is played group_size times)",
                    t.batchSize());
        }
        require(g.klCoef() >= 0, "grpo.kl_coef", ">= 0", g.klCoef());

        var d = c.data();
        var mix = d.modalityMix();
        require(mix.rgb() >= 0 && mix.gray() >= 0 && mix.ir() >= 0, "data.modality_mix", "non-negative weights", mix);
        require(mix.rgb() + mix.gray() + mix.ir() > 0, "data.modality_mix", "at least one positive weight", mix);
        try {
            Pattern.compile(d.irPathPattern());
        } catch (PatternSyntaxException e) {
            problems.add("data.ir_path_pattern: expected a regular expression, got '" + d.irPathPattern() + "' ("
                    + e.getDescription() + ")");
        }
        atLeast("data.max_side", d.maxSide(), 0);
        require(
                d.maxPixels() >= 1 && d.maxPixels() <= PixelPolishConfig.Data.MAX_PIXELS_LIMIT,
                "data.max_pixels",
                "1.." + PixelPolishConfig.Data.MAX_PIXELS_LIMIT,
                d.maxPixels());
        var deg = d.degrade();
        require(
                deg.probability() >= 0 && deg.probability() <= 1,
                "data.degrade.probability",
                "in [0, 1]",
                deg.probability());
        require(
                deg.minBrightness() >= 0 && deg.minBrightness() <= 1,
                "data.degrade.min_brightness",
                "in [0, 1]",
                deg.minBrightness());
        range("data.degrade.gamma", deg.gamma(), 0.05, 20);
        range("data.degrade.scale", deg.scale(), 0, 1);
        range("data.degrade.noise_std", deg.noiseStd(), 0, 1);
        range("data.degrade.contrast", deg.contrast(), 0, 1);

        var val = c.validation();
        atLeast("validation.every", val.every(), 1);
        atLeast("validation.max_images", val.maxImages(), 1);
        require(
                val.maxSide() == 0 || val.maxSide() >= 32,
                "validation.max_side",
                "0 (full size) or at least 32",
                val.maxSide());
        for (String measure : val.measures()) {
            require(
                    ValidationMeasure.byName(measure).isPresent(),
                    "validation.measures",
                    "names from " + measureNames(),
                    measure);
        }
        for (String set : val.sets()) {
            require(
                    !set.isBlank() && !Path.of(set).isAbsolute() && !set.contains(".."),
                    "validation.sets",
                    "folders relative to validation.data_root",
                    set);
        }

        atLeast("checkpoint.interval", c.checkpoint().interval(), 1);
        atLeast("checkpoint.keep_last", c.checkpoint().keepLast(), 1);
        String best = c.checkpoint().best();
        require(
                Metric.GREEDY_REWARD.key().equals(best)
                        || Metric.validationMeasureOf(best).isPresent(),
                "checkpoint.best",
                Metric.GREEDY_REWARD.key() + " or a validation key val/<measure> or val/<set>/<measure> with a measure"
                        + " from " + measureNames(),
                best);
        require(
                c.tracking().experiment() != null && !c.tracking().experiment().isBlank(),
                "tracking.experiment",
                "a non-empty name",
                c.tracking().experiment());
        trackingUriProblem(c.tracking().mlflowUri()).ifPresent(p -> problems.add("tracking.mlflow_uri: " + p));
        atLeast("tracking.flush_timeout_s", c.tracking().flushTimeoutS(), 0);
    }

    /**
     * Every number of the config must be finite: YAML's {@code .nan} and {@code .inf} bind to doubles
     * and would pass a check such as {@code <= 1} or {@code >= 0} unnoticed.
     */
    private void finite(String key, JsonNode node) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(f -> finite(key.isEmpty() ? f.getKey() : key + "." + f.getKey(), f.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                finite(key + "[" + i + "]", node.get(i));
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            problems.add(key + ": expected a finite number, got " + node.doubleValue());
        }
    }

    /**
     * What is wrong with an MLflow tracking URI, if anything: empty (no MLflow) or an http(s) server
     * address without credentials, which would otherwise end up in config.yaml and logs.
     */
    public static Optional<String> trackingUriProblem(String uri) {
        if (uri == null || uri.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI parsed = new URI(uri);
            if (parsed.getRawUserInfo() != null) {
                return Optional.of(
                        "expected no credentials in the URI (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and"
                                + " MLFLOW_TRACKING_PASSWORD, in the environment instead)");
            }
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
                return Optional.of(
                        "expected the http(s) address of an MLflow tracking server, e.g. http://mlflow:5000, got '"
                                + uri + "'");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("expected a URI, got '" + uri + "' (" + e.getReason() + ")");
        }
    }

    private static List<String> measureNames() {
        return Arrays.stream(ValidationMeasure.values())
                .map(ValidationMeasure::measureName)
                .toList();
    }

    private static boolean inside(Range r, double v) {
        return r.min() <= v && v <= r.max();
    }

    private void range(String key, Range r, double lowest, double highest) {
        if (r.min() > r.max()) {
            problems.add(key + ": expected [min, max] with min <= max, got [" + r.min() + ", " + r.max() + "]");
        } else if (r.min() < lowest || r.max() > highest) {
            problems.add(key + ": expected values within [" + lowest + ", " + highest + "], got [" + r.min() + ", "
                    + r.max() + "]");
        }
    }

    private void nonNegative(String key, PixelPolishConfig.TermValues v) {
        v.asMap().forEach((term, x) -> require(x >= 0, key + "." + term, ">= 0", x));
    }

    private void positive(String key, PixelPolishConfig.TermValues v) {
        v.asMap().forEach((term, x) -> require(x > 0, key + "." + term, "> 0", x));
    }

    private void atLeast(String key, int value, int min) {
        require(value >= min, key, ">= " + min, value);
    }

    private void require(boolean ok, String key, String expected, Object actual) {
        if (!ok) {
            problems.add(key + ": expected " + expected + ", got " + actual);
        }
    }
}
