package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.job.RunLabels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AblationOperatorTest extends OperatorOnMockServerTest {

    @Test
    void grid2x3BecomesSixOwnedChildrenEachWithItsValuesAndAJob() {
        Ablation ablation = cluster.createAblation("grid", SweepFixtures.grid2x3(6, 0, null));

        await().until(() -> cluster.children("grid").size() == 6 && cluster.jobsOf("grid").size() == 6);
        List<TrainingRun> children = cluster.children("grid");
        assertThat(children).allSatisfy(child -> {
            assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getKind()).isEqualTo("Ablation");
                assertThat(ref.getUid()).isEqualTo(ablation.getMetadata().getUid());
            });
            assertThat(child.getSpec().data()).isEqualTo(Fixtures.runSpec().data());
        });
        TrainingRun grpoHighLr = children.stream().filter(c -> c.getMetadata().getName().equals("grid-grpo-0-001-r0")).findFirst().orElseThrow();
        assertThat(grpoHighLr.getSpec().config().set())
                .containsEntry("train.algorithm", Fixtures.text("grpo"))
                .containsEntry("train.lr", Fixtures.number(1e-3));
        assertThat(grpoHighLr.getMetadata().getLabels()).containsEntry(RunLabels.ARM, "grpo-0-001");
        assertThat(cluster.configMap("grid-grpo-0-001-r0-config")
                .getData().get("config.yaml")).contains("algorithm: grpo").contains("lr: 0.001");
        await().untilAsserted(() -> assertThat(cluster.ablation("grid").getStatus().progress()).isEqualTo("0/6"));
    }

    @Test
    void parallelismHoldsBackRunsUntilOthersFinish() {
        cluster.createAblation("queue", SweepFixtures.grid2x3(2, 0, null));
        await().until(() -> cluster.children("queue").size() == 2);
        await().during(Duration.ofSeconds(1)).until(() -> cluster.children("queue").size() == 2);

        complete(cluster.children("queue").get(0).getMetadata().getName());

        await().until(() -> cluster.children("queue").size() == 3);
        await().untilAsserted(() -> {
            Ablation ablation = cluster.ablation("queue");
            assertThat(ablation.getStatus().counts().succeeded()).isEqualTo(1);
            assertThat(ablation.getStatus().phase()).isEqualTo(Phase.Running);
        });
    }

    @Test
    void operatorRestartDuringASweepCreatesNoDuplicates() {
        cluster.createAblation("restart", SweepFixtures.grid2x3(3, 0, null));
        await().until(() -> cluster.children("restart").size() == 3 && cluster.jobsOf("restart").size() == 3);
        List<String> uids = cluster.children("restart").stream().map(c -> c.getMetadata().getUid()).sorted().toList();
        List<String> jobUids = cluster.jobsOf("restart").stream().map(j -> j.getMetadata().getUid()).sorted().toList();

        operator.restart();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.children("restart").stream().map(c -> c.getMetadata().getUid()).sorted().toList()).isEqualTo(uids);
            assertThat(cluster.jobsOf("restart").stream().map(j -> j.getMetadata().getUid()).sorted().toList()).isEqualTo(jobUids);
        });
        complete(cluster.children("restart").get(0).getMetadata().getName());
        await().until(() -> cluster.children("restart").size() == 4);
    }

    /** What the Job controller does when the trainer exits 0; the TrainingRun reconciler takes it from there. */
    private void complete(String jobName) {
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName(jobName).get() != null);
        client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName(jobName).edit(job -> {
            job.setStatus(new JobStatus());
            job.getStatus().getConditions().add(new JobConditionBuilder().withType("Complete").withStatus("True").build());
            return job;
        });
    }
}
