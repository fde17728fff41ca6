package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.dependent.RunLabels;
import io.pixelpolish.operator.kube.KubeControlPlane;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sweeps on a real API server: children pass the TrainingRun schema and CEL rules, the patches
 * that suspend or stop them are accepted, a restarted operator adopts what exists, and the
 * garbage collector deletes a sweep's runs, Jobs and pods with it.
 */
class AblationOnApiServerIT extends OperatorOnApiServerIT {

    AblationOnApiServerIT(KubeControlPlane controlPlane) {
        super(controlPlane);
    }

    @Test
    void childrenAreOwnedByTheSweepAndAFinishedOneMakesRoomForTheNext() {
        Ablation ablation = cluster.createAblation("room", SweepFixtures.grid2x3(2, 0, null));
        await().until(() -> cluster.children("room").size() == 2);
        assertThat(cluster.children("room"))
                .allSatisfy(child -> assertThat(child.getMetadata().getOwnerReferences())
                        .singleElement()
                        .satisfies(ref -> {
                            assertThat(ref.getUid())
                                    .isEqualTo(ablation.getMetadata().getUid());
                            assertThat(ref.getController()).isTrue();
                            assertThat(ref.getBlockOwnerDeletion()).isTrue();
                        }));

        succeed(cluster.children("room").get(0));

        await().until(() -> cluster.children("room").size() == 3);
        await().untilAsserted(() -> assertThat(
                        cluster.ablation("room").getStatus().counts().succeeded())
                .isEqualTo(1));
    }

    @Test
    void operatorRestartDuringASweepCreatesNoDuplicates() {
        cluster.createAblation("restart-it", SweepFixtures.grid2x3(3, 0, null));
        await().until(() -> cluster.children("restart-it").size() == 3
                && cluster.jobsOf("restart-it").size() == 3);
        List<String> uids = uids(cluster.children("restart-it"));
        List<String> jobUids = uids(cluster.jobsOf("restart-it"));

        operator.restart();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(uids(cluster.children("restart-it"))).isEqualTo(uids);
            assertThat(uids(cluster.jobsOf("restart-it"))).isEqualTo(jobUids);
        });
        succeed(cluster.children("restart-it").get(0));
        await().until(() -> cluster.children("restart-it").size() == 4);
        await().during(Duration.ofSeconds(2))
                .until(() -> cluster.children("restart-it").size() == 4);
    }

    @Test
    void aFailureBeyondTheBudgetStopsTheOtherRunsThroughTheirSpec() {
        cluster.createAblation("budget", SweepFixtures.grid2x3(3, 0, null));
        await().until(() -> cluster.children("budget").size() == 3);
        List<TrainingRun> children = cluster.children("budget");

        kubelet.exited(
                kubelet.awaitActivePod(children.get(0).getMetadata().getName()),
                2,
                "reward.mode: expected scalar or pixel");

        await().untilAsserted(() ->
                assertThat(cluster.ablation("budget").getStatus().phase()).isEqualTo(Phase.Failed));
        for (TrainingRun other : children.subList(1, 3)) {
            String name = other.getMetadata().getName();
            await().untilAsserted(() -> {
                TrainingRun stopped = cluster.run(name);
                assertThat(stopped.getSpec().suspended()).isTrue();
                assertThat(stopped.getMetadata().getAnnotations()).containsKey(SweepPlanner.STOPPED_ANNOTATION);
                assertThat(cluster.job(name).getSpec().getSuspend()).isTrue();
            });
        }
        assertThat(cluster.children("budget")).hasSize(3);
    }

    @Test
    void deletingTheSweepDeletesItsRunsTheirJobsAndPods() {
        cluster.createAblation("cascade", SweepFixtures.grid2x3(2, 0, null));
        await().until(() -> cluster.children("cascade").size() == 2);
        List<String> runs = cluster.children("cascade").stream()
                .map(child -> child.getMetadata().getName())
                .toList();
        runs.forEach(kubelet::awaitActivePod);

        client.resources(Ablation.class)
                .inNamespace(Fixtures.NAMESPACE)
                .withName("cascade")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(cluster.ablation("cascade")).isNull();
            assertThat(cluster.children("cascade")).isEmpty();
            assertThat(cluster.jobsOf("cascade")).isEmpty();
            assertThat(client.configMaps()
                            .inNamespace(Fixtures.NAMESPACE)
                            .withLabel(RunLabels.MANAGED_SELECTOR)
                            .list()
                            .getItems())
                    .noneMatch(cm -> runs.contains(cm.getMetadata().getLabels().get(RunLabels.RUN)));
            assertThat(client.pods().inNamespace(Fixtures.NAMESPACE).list().getItems())
                    .noneMatch(
                            pod -> runs.contains(pod.getMetadata().getLabels().get(RunLabels.RUN)));
        });
    }

    /** The child's trainer pod exits 0; the Job controller and the TrainingRun reconciler take it from there. */
    private void succeed(TrainingRun child) {
        kubelet.exited(kubelet.awaitActivePod(child.getMetadata().getName()), 0, "");
    }

    private static List<String> uids(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getUid()).sorted().toList();
    }
}
