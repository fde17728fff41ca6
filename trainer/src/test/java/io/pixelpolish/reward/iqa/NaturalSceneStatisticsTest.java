package io.pixelpolish.reward.iqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The building blocks of NIQE and BRISQUE, each against its definition. */
class NaturalSceneStatisticsTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void ggdFitRecoversTheShapeOfGaussianAndLaplacianSamples() {
        Random random = new Random(3);
        int n = 200_000;
        double[] samples = new double[2 * n];
        for (int i = 0; i < n; i++) {
            samples[i] = 0.7 * random.nextGaussian();
            double u = random.nextDouble() - 0.5;
            samples[n + i] = -Math.signum(u) * Math.log(1 - 2 * Math.abs(u)); // Laplace(0, 1)
        }
        GeneralizedGaussianFit.Ggd fit = GeneralizedGaussianFit.ggd(manager.create(samples, new Shape(2, n)));
        double[] alpha = fit.alpha().toDoubleArray();
        double[] variance = fit.variance().toDoubleArray();
        assertThat(alpha[0]).isCloseTo(2.0, offset(0.05));
        assertThat(variance[0]).isCloseTo(0.49, offset(0.01));
        assertThat(alpha[1]).isCloseTo(1.0, offset(0.03));
        assertThat(variance[1]).isCloseTo(2.0, offset(0.05));
    }

    @Test
    void aggdFitRecoversBothSidesOfAnAsymmetricGaussian() {
        Random random = new Random(5);
        int n = 200_000;
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
            // An AGGD puts beta_l / (beta_l + beta_r) of its mass on the left.
            double g = Math.abs(random.nextGaussian());
            samples[i] = random.nextDouble() < 0.5 / 2.5 ? -0.5 * g : 2.0 * g;
        }
        GeneralizedGaussianFit.Aggd fit = GeneralizedGaussianFit.aggd(manager.create(samples, new Shape(1, n)));
        assertThat(fit.alpha().toDoubleArray()[0]).isCloseTo(2.0, offset(0.05));
        assertThat(fit.leftStd().toDoubleArray()[0]).isCloseTo(0.5, offset(0.01));
        assertThat(fit.rightStd().toDoubleArray()[0]).isCloseTo(2.0, offset(0.03));
        // For alpha = 2 the AGGD scale is sqrt(Gamma(1/2) / Gamma(3/2)) = sqrt(2).
        assertThat(fit.scale().toDoubleArray()[0]).isCloseTo(Math.sqrt(2), offset(0.02));
    }

    @Test
    void degenerateGroupsGetTheFirstShapeAndUndefinedSidesAsTheReferenceDoes() {
        NDArray flat = manager.zeros(new Shape(1, 100), DataType.FLOAT64);
        GeneralizedGaussianFit.Aggd fit = GeneralizedGaussianFit.aggd(flat);
        assertThat(fit.alpha().toDoubleArray()[0]).isCloseTo(0.2, offset(1e-12));
        assertThat(fit.leftStd().toDoubleArray()[0]).isNaN();
        assertThat(fit.rightStd().toDoubleArray()[0]).isNaN();
    }

    @Test
    void halfScaleEqualsMatlabsGeneralImresizeAlgorithmOnEvenAndOddSizes() {
        Random random = new Random(11);
        int height = 9;
        int width = 12;
        double[][] image = new double[height][width];
        float[] flat = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image[y][x] = random.nextInt(256);
                flat[y * width + x] = (float) image[y][x];
            }
        }
        float[] ours = MatlabHalfScale.of(manager.create(flat, new Shape(1, 1, height, width)))
                .toFloatArray();
        double[][] expected = imresizeHalf(transpose(imresizeHalf(transpose(image))));
        assertThat(ours).hasSize(5 * 6);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat((double) ours[y * 6 + x]).as("pixel %d,%d", y, x).isCloseTo(expected[y][x], offset(1e-3));
            }
        }
    }

    /**
     * MATLAB's imresize along the rows (first axis) at scale 1/2, written out from its documented
     * algorithm: output row i (1-based) is centred on input u = 2i - 0.5; the bicubic kernel, stretched
     * by 2 to a width of 8, is sampled at the ceil(8) + 2 inputs from floor(u - 4) on, the weights are
     * normalised and indices past the ends mirrored.
     */
    private static double[][] imresizeHalf(double[][] in) {
        int n = in.length;
        int out = (n + 1) / 2;
        double[][] result = new double[out][in[0].length];
        for (int i = 1; i <= out; i++) {
            double u = i / 0.5 + 0.5 * (1 - 1 / 0.5);
            int left = (int) Math.floor(u - 8 / 2.0);
            double[] weights = new double[10];
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                weights[k] = 0.5 * keysCubic(0.5 * (u - (left + k)));
                sum += weights[k];
            }
            for (int k = 0; k < 10; k++) {
                int index = left + k; // 1-based, mirrored into 1..n
                int mirrored = index < 1 ? 1 - index : index > n ? 2 * n + 1 - index : index;
                for (int c = 0; c < in[0].length; c++) {
                    result[i - 1][c] += weights[k] / sum * in[mirrored - 1][c];
                }
            }
        }
        return result;
    }

    private static double keysCubic(double x) {
        double a = Math.abs(x);
        return a <= 1 ? 1.5 * a * a * a - 2.5 * a * a + 1 : a <= 2 ? -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2 : 0;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    @Test
    void flatAreasNormaliseToExactZerosWithEitherEdge() {
        NDArray flat = manager.full(new Shape(2, 1, 20, 30), 17f);
        for (SeparableFilter.Edge edge :
                new SeparableFilter.Edge[] {SeparableFilter.Edge.REPLICATE, SeparableFilter.Edge.ZERO}) {
            double[] coefficients = Mscn.of(flat, edge).get(":, :, 3:-3, 3:-3").toDoubleArray();
            assertThat(coefficients).as("%s", edge).containsOnly(0.0);
        }
    }

    @Test
    void mscnIsTheLocallyNormalisedDeviation() {
        // A single bright pixel on black: mu and sigma there follow from the window's centre weight.
        NDArray dot = manager.zeros(new Shape(1, 1, 15, 15));
        dot.set(new ai.djl.ndarray.index.NDIndex("0, 0, 7, 7"), 100f);
        double centre = Math.pow(1 / gaussianSum(), 2);
        double mu = 100 * centre;
        double sigma = Math.sqrt(100 * 100 * centre - mu * mu);
        double coefficient = Mscn.of(dot, SeparableFilter.Edge.ZERO).toDoubleArray()[7 * 15 + 7];
        assertThat(coefficient).isCloseTo((100 - mu) / (sigma + 1), offset(1e-4));
    }

    private static double gaussianSum() {
        double sum = 0;
        for (int i = -3; i <= 3; i++) {
            sum += Math.exp(-i * i / (2 * (7.0 / 6) * (7.0 / 6)));
        }
        return sum;
    }

    @Test
    void lumaRoundsToEightBitCodesAndTreatsEqualChannelsAsGray() {
        // pixel 0: pure red; pixel 1: gray 0.5 in three equal channels (a gray image, batch of 1 each)
        NDArray red = manager.create(new float[] {1, 0, 0}, new Shape(1, 3, 1, 1));
        NDArray gray = manager.create(new float[] {0.5f, 0.5f, 0.5f}, new Shape(1, 3, 1, 1));
        assertThat(EightBitLuma.of(red, EightBitLuma.Colour.STUDIO_Y).getFloat())
                .isEqualTo(81f); // round(16 + 65.481)
        assertThat(EightBitLuma.of(red, EightBitLuma.Colour.GRAY).getFloat()).isEqualTo(76f); // round(0.2989 * 255)
        assertThat(EightBitLuma.of(gray, EightBitLuma.Colour.STUDIO_Y).getFloat())
                .isEqualTo(128f); // round(127.5), half to even
        assertThat(EightBitLuma.of(gray.get(":, 0:1"), EightBitLuma.Colour.STUDIO_Y)
                        .getFloat())
                .isEqualTo(128f);
    }

    @Test
    void supportVectorRegressionScalesFeaturesAndSumsRbfKernels() {
        var model = new SupportVectorRegression.Model(
                0.5, -1.0, new double[] {0, 10}, new double[] {2, 30}, new double[] {2.0, -1.0}, new double[][] {
                    {0, 0}, {1, -1}
                });
        SupportVectorRegression svr = new SupportVectorRegression(model, 2, "test model");
        // x = (1, 20) scales to (0, 0): distances 0 and 2 to the two vectors.
        double predicted = svr.predict(manager.create(new double[] {1, 20}, new Shape(1, 2)))
                .toDoubleArray()[0];
        assertThat(predicted).isCloseTo(2.0 - Math.exp(-0.5 * 2) + 1.0, offset(1e-12));
    }
}
