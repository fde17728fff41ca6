package io.pixelpolish.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.policy.CurveActions;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageEnvTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    private final PixelPolishConfig cfg = TestConfigs.tiny();
    private final CurveActions actions = new CurveActions(cfg.action(), manager);
    private final CompositeReward reward = CompositeReward.fromConfig(cfg.reward());

    @AfterEach
    void close() {
        actions.close();
        manager.close();
    }

    private NDArray constantAction(float gamma, float alpha, float beta, Shape shape) {
        float[] u = actions.preimage(gamma, alpha, beta);
        return manager.create(u, new Shape(1, 3, 1, 1))
                .broadcast(new Shape(shape.get(0), 3, shape.get(2), shape.get(3)))
                .duplicate();
    }

    @Test
    void relativeRewardsAddUpToTheGainOverTheEpisode() {
        ImageEnv env = new ImageEnv(reward, actions, 3, true);
        NDArray images = TestImages.dark(TestImages.scene(manager, 2, 32, 3, false));
        NDArray start = reward.score(images).total();
        env.reset(images);
        NDArray total = manager.zeros(new Shape(2));
        ImageEnv.Step step = null;
        for (int t = 0; t < 3; t++) {
            step = env.step(constantAction(0.7f, 1.1f, 0.02f, images.getShape()));
            assertThat(step.done()).isEqualTo(t == 2);
            assertThat(step.termRewards().sum(new int[] {0}).toFloatArray())
                    .containsExactly(step.reward().toFloatArray(), offset(1e-5f));
            total = total.add(step.reward());
        }
        NDArray end = reward.score(step.observation()).total();
        assertThat(total.toFloatArray()).containsExactly(end.sub(start).toFloatArray(), offset(1e-4f));
        assertThat(io.pixelpolish.testing.Floats.list(total.toFloatArray()))
                .allSatisfy(
                        r -> assertThat(r).as("brightening a dark image pays").isPositive());
    }

    @Test
    void absoluteModePaysTheScoreOfTheNewImage() {
        ImageEnv env = new ImageEnv(reward, actions, 1, false);
        NDArray images = TestImages.scene(manager, 2, 32, 4, false);
        env.reset(images);
        ImageEnv.Step step = env.step(constantAction(0.8f, 1f, 0f, images.getShape()));
        assertThat(step.reward().toFloatArray())
                .containsExactly(reward.score(step.observation()).total().toFloatArray(), offset(1e-5f));
    }

    @Test
    void identityActionsChangeNothingAndEarnNothing() {
        ImageEnv env = new ImageEnv(reward, actions, 2, true);
        NDArray images = TestImages.scene(manager, 2, 32, 5, false);
        env.reset(images);
        ImageEnv.Step step = env.step(constantAction(1f, 1f, 0f, images.getShape()));
        assertThat(step.observation().toFloatArray()).containsExactly(images.toFloatArray(), offset(1e-5f));
        assertThat(io.pixelpolish.testing.Floats.list(step.reward().toFloatArray()))
                .allSatisfy(r -> assertThat(r).isCloseTo(0f, offset(1e-4f)));
    }

    @Test
    void grayImagesStayGray() {
        ImageEnv env = new ImageEnv(reward, actions, 1, true);
        NDArray gray = TestImages.dark(TestImages.scene(manager, 1, 32, 6, true));
        env.reset(gray);
        NDArray mu = constantAction(0.6f, 1.2f, 0.05f, gray.getShape());
        NDArray noisy = actions.perPixelAction(mu, actions.sample(mu, manager.full(new Shape(1, 3, 32, 32), -1f)));
        NDArray out = env.step(noisy).observation();
        assertThat(out.get(":, 0").toFloatArray())
                .containsExactly(out.get(":, 1").toFloatArray());
        assertThat(out.get(":, 0").toFloatArray())
                .containsExactly(out.get(":, 2").toFloatArray());
    }

    @Test
    void stepsBeyondTheEpisodeAreRefused() {
        ImageEnv env = new ImageEnv(reward, actions, 1, true);
        NDArray images = TestImages.scene(manager, 1, 32, 8, false);
        assertThatThrownBy(() -> env.step(constantAction(1f, 1f, 0f, images.getShape())))
                .hasMessageContaining("call reset");
        env.reset(images);
        env.step(constantAction(1f, 1f, 0f, images.getShape()));
        assertThatThrownBy(() -> env.step(constantAction(1f, 1f, 0f, images.getShape())))
                .hasMessageContaining("episode is over");
    }

    @Test
    void pixelModePaysARewardMapWhoseMeanIsTheImageReward() {
        PixelPolishConfig pixel = TestConfigs.tiny("reward.mode=pixel", "reward.entropy_window=8");
        CompositeReward maps = CompositeReward.fromConfig(pixel.reward());
        ImageEnv env = new ImageEnv(maps, actions, 2, true);
        NDArray images = TestImages.dark(TestImages.scene(manager, 2, 32, 9, false));
        env.reset(images);
        ImageEnv.Step step = env.step(constantAction(0.6f, 1.2f, 0f, images.getShape()));
        assertThat(step.reward().getShape()).isEqualTo(new Shape(2, 32, 32));
        float[] mapMeans = step.reward().reshape(2, -1).mean(new int[] {1}).toFloatArray();
        assertThat(mapMeans)
                .containsExactly(step.termRewards().sum(new int[] {0}).toFloatArray(), offset(1e-4f));
        // brightening everywhere pays almost everywhere
        float positiveShare = step.reward()
                .gt(0f)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .mean()
                .getFloat();
        assertThat(positiveShare).isGreaterThan(0.5f);
    }
}
