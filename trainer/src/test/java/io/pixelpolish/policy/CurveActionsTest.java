package io.pixelpolish.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.testing.Floats;
import io.pixelpolish.testing.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurveActionsTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    private final CurveActions actions =
            new CurveActions(TestConfigs.tiny("action.noise_block=1").action(), manager);
    private final CurveActions blocks =
            new CurveActions(TestConfigs.tiny("action.noise_block=4").action(), manager);

    @AfterEach
    void close() {
        actions.close();
        blocks.close();
        manager.close();
    }

    private NDArray fill(float... perDim) {
        return manager.create(perDim, new Shape(1, 3, 1, 1))
                .broadcast(new Shape(2, 3, 4, 4))
                .duplicate();
    }

    @Test
    void extremeActionsStayInsideTheirRanges() {
        for (float u : new float[] {-1e4f, -50f, -3f, 0f, 3f, 50f, 1e4f}) {
            float[] p = actions.curveParameters(fill(u, u, u)).toFloatArray();
            for (int i = 0; i < p.length; i++) {
                int dim = i / 16 % 3;
                float lo = new float[] {0.3f, 0.5f, -0.2f}[dim], hi = new float[] {3f, 2f, 0.2f}[dim];
                assertThat(p[i]).as("u=%s dim %d", u, dim).isBetween(lo, hi);
            }
        }
        float[] top = actions.curveParameters(fill(1e4f, 1e4f, 1e4f))
                .get("0, :, 0, 0")
                .toFloatArray();
        float[] bottom = actions.curveParameters(fill(-1e4f, -1e4f, -1e4f))
                .get("0, :, 0, 0")
                .toFloatArray();
        assertThat(top).containsExactly(new float[] {3f, 2f, 0.2f}, offset(1e-6f));
        assertThat(bottom).containsExactly(new float[] {0.3f, 0.5f, -0.2f}, offset(1e-6f));
    }

    @Test
    void logProbMatchesTheGaussianDensity() {
        NDArray mu = fill(0.1f, -0.2f, 0.3f);
        NDArray logStd = fill(-1f, 0f, 0.5f);
        NDArray u = fill(0.4f, 0.1f, -1f);
        double[][] v = {{0.1, -1, 0.4}, {-0.2, 0, 0.1}, {0.3, 0.5, -1}};
        double expected = java.util.Arrays.stream(v)
                .mapToDouble(d ->
                        -0.5 * Math.pow((d[2] - d[0]) / Math.exp(d[1]), 2) - d[1] - 0.5 * Math.log(2 * Math.PI))
                .sum();
        NDArray logProb = actions.logProb(mu, logStd, u);
        assertThat(logProb.getShape()).isEqualTo(new Shape(2, 4, 4));
        assertThat(Floats.list(logProb.toFloatArray()))
                .allSatisfy(x -> assertThat((double) x).isCloseTo(expected, offset(1e-5)));
    }

    @Test
    void entropyMatchesTheClosedForm() {
        NDArray logStd = fill(-1f, 0f, 0.5f);
        double expected = 3 * (0.5 + 0.5 * Math.log(2 * Math.PI)) + (-1 + 0 + 0.5);
        assertThat(Floats.list(actions.entropy(logStd).toFloatArray()))
                .allSatisfy(x -> assertThat((double) x).isCloseTo(expected, offset(1e-5)));
    }

    @Test
    void samplesFollowMeanAndStd() {
        NDArray mu = manager.full(new Shape(4, 3, 64, 64), 0.7f);
        NDArray logStd = manager.full(new Shape(4, 3, 64, 64), (float) Math.log(0.3));
        NDArray u = actions.sample(mu, logStd);
        assertThat(u.mean().getFloat()).isCloseTo(0.7f, offset(0.01f));
        NDArray centered = u.sub(0.7f);
        assertThat((float) Math.sqrt(centered.mul(centered).mean().getFloat())).isCloseTo(0.3f, offset(0.01f));
    }

    @Test
    void identityCurveLeavesTheImageUnchanged() {
        NDArray x = manager.randomUniform(0.01f, 1f, new Shape(2, 3, 8, 8));
        float[] id = actions.preimage(1f, 1f, 0f);
        NDArray params = actions.curveParameters(
                manager.create(id, new Shape(1, 3, 1, 1)).broadcast(new Shape(2, 3, 8, 8)));
        assertThat(actions.applyCurve(x, params).toFloatArray()).containsExactly(x.toFloatArray(), offset(1e-5f));
    }

    @Test
    void curveIsAlphaTimesPowerPlusBetaClipped() {
        NDArray x = manager.create(new float[] {0.25f, 0.81f, 0f, 1f}, new Shape(1, 1, 2, 2));
        NDArray params = manager.create(
                new float[] {0.5f, 0.5f, 0.5f, 0.5f, 2f, 2f, 2f, 2f, 0.1f, 0.1f, 0.1f, 0.1f}, new Shape(1, 3, 2, 2));
        // 2 * sqrt(x) + 0.1, clipped to [0, 1]; x = 0 is clamped to 1e-6 first
        assertThat(actions.applyCurve(x, params).toFloatArray())
                .containsExactly(new float[] {1f, 1f, 0.102f, 1f}, offset(1e-3f));
        NDArray half = manager.create(new float[] {0.25f}, new Shape(1, 1, 1, 1));
        NDArray sqrt = manager.create(new float[] {0.5f, 1f, 0f}, new Shape(1, 3, 1, 1));
        assertThat(actions.applyCurve(half, sqrt).getFloat()).isCloseTo(0.5f, offset(1e-6f));
    }

    @Test
    void preimageInvertsTheSquashing() {
        float[] u = actions.preimage(2.2f, 0.75f, -0.05f);
        float[] p = actions.curveParameters(manager.create(u, new Shape(1, 3, 1, 1)))
                .toFloatArray();
        assertThat(p).containsExactly(new float[] {2.2f, 0.75f, -0.05f}, offset(1e-5f));
    }

    @Test
    void blockDecisionsAreDrawnAroundBlockMeans() {
        NDArray mu = manager.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
        NDArray logStd = manager.full(new Shape(2, 3, 16, 16), -1f);
        NDArray decision = blocks.sample(mu, logStd);
        assertThat(decision.getShape()).isEqualTo(new Shape(2, 3, 4, 4));
        float[] blockMean = blocks.blockMean(mu).toFloatArray();
        float[] topLeft = mu.get("0, 0, 0:4, 0:4").toFloatArray();
        double expected = 0;
        for (float v : topLeft) {
            expected += v / 16.0;
        }
        assertThat((double) blockMean[0]).isCloseTo(expected, offset(1e-6));
        assertThat(blocks.logProb(mu, logStd, decision).getShape()).isEqualTo(new Shape(2, 4, 4));
        assertThat(blocks.entropy(logStd).getShape()).isEqualTo(new Shape(2, 4, 4));
    }

    @Test
    void theMeanDecisionExecutesEachPixelsOwnMean() {
        NDArray mu = manager.randomUniform(-1, 1, new Shape(1, 3, 16, 16));
        NDArray executed = blocks.perPixelAction(mu, blocks.blockMean(mu));
        assertThat(executed.toFloatArray()).containsExactly(mu.toFloatArray(), offset(1e-5f));
    }

    @Test
    void blockOffsetsSpreadSmoothlyWithoutEdges() {
        NDArray mu = manager.zeros(new Shape(1, 3, 16, 16));
        NDArray decision = manager.create(new float[] {0f, 1f, 0f, 1f}, new Shape(1, 1, 2, 2))
                .repeat(1, 3);
        NDArray executed = new CurveActions(
                        TestConfigs.tiny("action.noise_block=8").action(), manager)
                .perPixelAction(mu, decision);
        float[] row = executed.get("0, 0, 0").toFloatArray();
        assertThat(row[0]).isCloseTo(0f, offset(1e-6f));
        assertThat(row[15]).isCloseTo(1f, offset(1e-6f));
        for (int x = 1; x < 16; x++) {
            assertThat(row[x] - row[x - 1]).as("step at %d", x).isBetween(0f, 0.15f);
        }
    }

    @Test
    void onLumaTheCurveKeepsEachPixelsColourRatios() {
        try (CurveActions luma =
                new CurveActions(TestConfigs.tiny("action.curve_on=luma").action(), manager)) {
            NDArray bluishWhite = manager.create(new float[] {0.5f, 0.55f, 0.6f}, new Shape(1, 3, 1, 1));
            NDArray steep = manager.create(new float[] {3f, 2f, -0.2f}, new Shape(1, 3, 1, 1));
            float[] onChannels = actions.applyCurve(bluishWhite, steep).toFloatArray();
            float[] onLuma = luma.applyCurve(bluishWhite, steep).toFloatArray();

            assertThat(onChannels[2] / onChannels[0])
                    .as("channels drift apart on channels")
                    .isGreaterThan(1.5f);
            assertThat(onLuma[1] / onLuma[0]).isCloseTo(1.1f, offset(1e-4f));
            assertThat(onLuma[2] / onLuma[0]).isCloseTo(1.2f, offset(1e-4f));
            double inLuma = 0.299 * 0.5 + 0.587 * 0.55 + 0.114 * 0.6;
            double outLuma = 0.299 * onLuma[0] + 0.587 * onLuma[1] + 0.114 * onLuma[2];
            assertThat(outLuma).isCloseTo(2 * Math.pow(inLuma, 3) - 0.2, offset(1e-5));
        }
    }

    @Test
    void onLumaAGrayImageGoesThroughTheSameCurveAsOnChannels() {
        try (CurveActions luma =
                new CurveActions(TestConfigs.tiny("action.curve_on=luma").action(), manager)) {
            NDArray gray = manager.randomUniform(0f, 1f, new Shape(2, 1, 4, 4)).repeat(1, 3);
            NDArray params = actions.curveParameters(manager.randomNormal(new Shape(2, 3, 4, 4)));
            assertThat(luma.applyCurve(gray, params).toFloatArray())
                    .containsExactly(actions.applyCurve(gray, params).toFloatArray(), offset(1e-5f));
        }
    }

    @Test
    void meanSmoothingAveragesOverTheWindowAndKeepsTheShape() {
        try (CurveActions smooth =
                new CurveActions(TestConfigs.tiny("action.mean_smoothing=3").action(), manager)) {
            assertThat(actions.smoothMean(fill(0.1f, 0.2f, 0.3f)).toFloatArray())
                    .as("window 1 is the identity")
                    .containsExactly(fill(0.1f, 0.2f, 0.3f).toFloatArray());
            NDArray constant = fill(0.1f, -0.2f, 0.3f);
            assertThat(smooth.smoothMean(constant).toFloatArray())
                    .as("a constant stays constant, border included")
                    .containsExactly(constant.toFloatArray(), offset(1e-6f));

            NDArray spike = manager.zeros(new Shape(1, 3, 5, 5));
            spike.set(new ai.djl.ndarray.index.NDIndex("0, :, 2, 2"), 9f);
            NDArray smoothed = smooth.smoothMean(spike);
            assertThat(smoothed.getShape()).isEqualTo(spike.getShape());
            assertThat(smoothed.getFloat(0, 0, 2, 2)).isCloseTo(1f, offset(1e-6f));
            assertThat(smoothed.getFloat(0, 1, 1, 1)).isCloseTo(1f, offset(1e-6f));
            assertThat(smoothed.getFloat(0, 2, 0, 0)).isZero();
        }
    }

    @Test
    void onYcbcrTheCurveMovesTheLumaAndKeepsTheChromaOffsets() {
        try (CurveActions ycbcr =
                new CurveActions(TestConfigs.tiny("action.curve_on=ycbcr").action(), manager)) {
            NDArray reddish = manager.create(new float[] {0.2f, 0.1f, 0.1f}, new Shape(1, 3, 1, 1));
            NDArray brighten = manager.create(new float[] {0.5f, 1f, 0f}, new Shape(1, 3, 1, 1));
            float[] out = ycbcr.applyCurve(reddish, brighten).toFloatArray();
            double inLuma = 0.299 * 0.2 + 0.587 * 0.1 + 0.114 * 0.1;
            double lift = Math.sqrt(inLuma) - inLuma;
            assertThat(out)
                    .containsExactly(
                            new float[] {(float) (0.2 + lift), (float) (0.1 + lift), (float) (0.1 + lift)},
                            offset(1e-5f));

            NDArray gray = manager.randomUniform(0f, 1f, new Shape(2, 1, 4, 4)).repeat(1, 3);
            NDArray params = actions.curveParameters(manager.randomNormal(new Shape(2, 3, 4, 4)));
            assertThat(ycbcr.applyCurve(gray, params).toFloatArray())
                    .containsExactly(actions.applyCurve(gray, params).toFloatArray(), offset(1e-5f));
        }
    }

    @Test
    void aChromaExponentScalesTheChromaOffsetsByAPowerOfTheLumasGain() {
        try (CurveActions half = new CurveActions(
                TestConfigs.tiny("action.curve_on=ycbcr", "action.chroma_exponent=0.5")
                        .action(),
                manager)) {
            NDArray reddish = manager.create(new float[] {0.2f, 0.1f, 0.1f}, new Shape(1, 3, 1, 1));
            NDArray brighten = manager.create(new float[] {0.5f, 1f, 0f}, new Shape(1, 3, 1, 1));
            double luma = 0.299 * 0.2 + 0.587 * 0.1 + 0.114 * 0.1;
            double curved = Math.sqrt(luma), chroma = Math.sqrt(curved / luma);
            assertThat(half.applyCurve(reddish, brighten).toFloatArray())
                    .containsExactly(
                            new float[] {
                                (float) (curved + (0.2 - luma) * chroma),
                                (float) (curved + (0.1 - luma) * chroma),
                                (float) (curved + (0.1 - luma) * chroma)
                            },
                            offset(1e-5f));
        }
    }

    @Test
    void aToeBoundsTheSlopeAtBlackAndKeepsTheEnds() {
        try (CurveActions toe =
                new CurveActions(TestConfigs.tiny("action.toe=0.05").action(), manager)) {
            NDArray x = manager.create(new float[] {0f, 1e-3f, 0.5f, 1f}, new Shape(1, 1, 2, 2));
            NDArray gamma = manager.create(
                    new float[] {0.4f, 0.4f, 0.4f, 0.4f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f}, new Shape(1, 3, 2, 2));
            float[] out = toe.applyCurve(x, gamma).toFloatArray();
            double black = Math.pow(0.05, 0.4), white = Math.pow(1.05, 0.4);
            assertThat(out[0]).isZero();
            assertThat(out[3]).isCloseTo(1f, offset(1e-6f));
            assertThat(out[2]).isCloseTo((float) ((Math.pow(0.55, 0.4) - black) / (white - black)), offset(1e-5f));
            assertThat(out[1] / 1e-3f)
                    .as("slope near black: finite with a toe, about 60 for the bare power curve")
                    .isLessThan(4f);
            assertThat(actions.applyCurve(x, gamma).toFloatArray()[1] / 1e-3f).isGreaterThan(40f);
        }
    }
}
