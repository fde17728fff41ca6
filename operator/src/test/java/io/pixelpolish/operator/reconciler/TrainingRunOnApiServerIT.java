package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.pixelpolish.contract.ExitCodes;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.RunValidation;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.dependent.TrainerJobDependent;
import io.pixelpolish.operator.kube.KubeControlPlane;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A TrainingRun's life on a real API server: what the operator creates, with only the RBAC it is
 * deployed with, is accepted and owned, its status goes through server-side apply on the status
 * subresource, and the Job controller, fed pod states by {@link io.pixelpolish.operator.kube.Kubelet},
 * decides how the run ends.
 */
class TrainingRunOnApiServerIT extends OperatorOnApiServerIT {

    TrainingRunOnApiServerIT(KubeControlPlane controlPlane) {
        super(controlPlane);
    }

    @Test
    void operatorActsAsItsServiceAccountWithOnlyTheGeneratedRbac() {
        assertThat(operatorMay("create", "batch", "jobs")).isTrue();
        assertThat(operatorMay("patch", "", "configmaps")).isTrue();
        assertThat(operatorMay("delete", "batch", "jobs"))
                .as("the garbage collector deletes them")
                .isFalse();
        assertThat(operatorMay("list", "", "secrets")).isFalse();
        assertThat(operatorMay("get", "", "secrets"))
                .as("trainers get their Secrets from the kubelet; the operator reads none")
                .isFalse();
    }

    @Test
    void everythingTheRunNeedsIsCreatedWithControllerReferencesAndNoFinalizer() {
        TrainingRun run = cluster.createRun("owned-it", Fixtures.runSpec());

        List<HasMetadata> owned = List.of(
                cluster.awaitJob("owned-it"),
                await().until(() -> cluster.configMap("owned-it-config"), cm -> cm != null),
                await().until(() -> cluster.configMap("owned-it-progress"), cm -> cm != null),
                await().until(
                                () -> client.resources(ServiceAccount.class)
                                        .inNamespace(Fixtures.NAMESPACE)
                                        .withName("owned-it-trainer")
                                        .get(),
                                sa -> sa != null),
                await().until(
                                () -> client.resources(Role.class)
                                        .inNamespace(Fixtures.NAMESPACE)
                                        .withName("owned-it-progress-writer")
                                        .get(),
                                r -> r != null),
                await().until(
                                () -> client.resources(RoleBinding.class)
                                        .inNamespace(Fixtures.NAMESPACE)
                                        .withName("owned-it-progress-writer")
                                        .get(),
                                rb -> rb != null));
        assertThat(owned)
                .allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences())
                        .singleElement()
                        .satisfies(ref -> {
                            assertThat(ref.getUid()).isEqualTo(run.getMetadata().getUid());
                            assertThat(ref.getController()).isTrue();
                            assertThat(ref.getBlockOwnerDeletion()).isTrue();
                        }));
        assertThat(cluster.configMap("owned-it-config").getImmutable()).isTrue();
        assertThat(cluster.awaitStatus("owned-it", s -> "owned-it".equals(s.jobName()))
                        .observedGeneration())
                .isEqualTo(1L);
        assertThat(cluster.run("owned-it").getMetadata().getFinalizers())
                .as("no finalizer: a run can be deleted while the operator is down")
                .isEmpty();
    }

    @Test
    void statusIsServerSideAppliedToTheStatusSubresourceByTheOperatorAlone() {
        cluster.createRun("applied", Fixtures.runSpec());
        cluster.awaitStatus("applied", s -> s.phase() == Phase.Pending && "applied".equals(s.jobName()));

        List<ManagedFieldsEntry> managers = cluster.run("applied").getMetadata().getManagedFields();
        assertThat(managers)
                .filteredOn(entry -> "status".equals(entry.getSubresource()))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.getManager()).isEqualTo(TrainingRunReconciler.NAME);
                    assertThat(entry.getOperation()).isEqualTo("Apply");
                    assertThat(entry.getFieldsV1().getAdditionalProperties()).containsOnlyKeys("f:status");
                });
        assertThat(managers)
                .filteredOn(entry ->
                        entry.getSubresource() == null || entry.getSubresource().isEmpty())
                .allSatisfy(entry -> assertThat(entry.getFieldsV1().getAdditionalProperties())
                        .doesNotContainKey("f:status"));
    }

    @Test
    void podThatSucceedsCompletesTheJobAndTheRunKeepsItsStatusAfterTheTtlDeletedTheJob() {
        cluster.createRun("finishes-it", Fixtures.runSpec(0));
        Pod pod = kubelet.awaitActivePod("finishes-it");

        kubelet.running(pod);
        assertThat(cluster.awaitStatus("finishes-it", s -> s.phase() == Phase.Running)
                        .startTime())
                .isNotNull();

        kubelet.exited(pod, 0, "");
        TrainingRunStatus status = cluster.awaitStatus("finishes-it", s -> s.phase() == Phase.Succeeded);
        assertThat(status.completionTime()).isNotNull();
        assertThat(ClusterObjects.condition(status, "Complete").getStatus()).isEqualTo("True");

        await().until(() -> cluster.job("finishes-it") == null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.job("finishes-it")).as("not re-created").isNull();
            assertThat(cluster.run("finishes-it").getStatus().phase()).isEqualTo(Phase.Succeeded);
        });
    }

    @Test
    void exitCode2FailsTheRunAtOnceThroughThePodFailurePolicy() {
        cluster.createRun("refused-it", Fixtures.runSpec());

        kubelet.exited(kubelet.awaitActivePod("refused-it"), 2, "train.lr: expected > 0, got -1");

        TrainingRunStatus status = cluster.awaitStatus("refused-it", s -> s.phase() == Phase.Failed);
        assertThat(ClusterObjects.condition(status, "Failed").getReason()).isEqualTo(Reason.InvalidConfig.name());
        assertThat(ClusterObjects.condition(status, "Failed").getMessage())
                .contains("trainer: train.lr: expected > 0, got -1");
        assertThat(status.restarts()).isEqualTo(1);
        assertThat(cluster.job("refused-it").getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "/" + c.getReason()).isEqualTo("Failed/PodFailurePolicy"));
        await().untilAsserted(() -> assertThat(cluster.events("refused-it"))
                .anySatisfy(e -> assertThat(e.getType() + " " + e.getReason())
                        .isEqualTo("Warning " + Reason.InvalidConfig.name())));
    }

    @Test
    void aTrainerStoppedBySigtermIsReplacedWithoutUsingTheBackoffLimit() {
        cluster.createRun("stopped-it", Fixtures.with(Fixtures.runSpec(), "backoffLimit", 0));
        Pod first = kubelet.running(kubelet.awaitActivePod("stopped-it"));

        kubelet.exited(first, ExitCodes.STOPPED, "");

        Pod second = await().until(
                        () -> kubelet.awaitActivePod("stopped-it"),
                        pod -> !pod.getMetadata()
                                .getName()
                                .equals(first.getMetadata().getName()));
        kubelet.running(second);
        TrainingRunStatus status = cluster.awaitStatus(
                "stopped-it",
                s -> s.phase() == Phase.Running
                        && ClusterObjects.condition(s, "Running")
                                .getMessage()
                                .contains(second.getMetadata().getName()));
        assertThat(status.phase()).as("backoffLimit 0, and still running").isEqualTo(Phase.Running);
        assertThat(cluster.job("stopped-it").getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan((long) ExitCodes.STOP_WAIT_SECONDS);
    }

    @Test
    void aJobDeletedByHandIsReplacedOnlyOnceItsOrphanedPodEnded() {
        cluster.createRun("orphaned-it", Fixtures.runSpec());
        String firstJob = cluster.awaitJob("orphaned-it").getMetadata().getUid();
        Pod pod = kubelet.running(kubelet.awaitActivePod("orphaned-it"));

        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName("orphaned-it")
                .withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete();

        cluster.awaitStatus(
                "orphaned-it",
                s -> Reason.PreviousPodRunning.name()
                        .equals(ClusterObjects.condition(s, "Running").getReason()));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cluster.job("orphaned-it"))
                        .as("no second writer of the run folder")
                        .isNull());

        kubelet.exited(pod, 0, "");

        await().until(
                        () -> cluster.job("orphaned-it"),
                        job -> job != null && !job.getMetadata().getUid().equals(firstJob));
    }

    @Test
    void aReportedInfinityNeitherFreezesTheStatusNorReachesIt() {
        cluster.createRun("infinite-it", Fixtures.runSpec());
        Pod pod = kubelet.running(kubelet.awaitActivePod("infinite-it"));
        cluster.awaitStatus("infinite-it", s -> s.phase() == Phase.Running);

        cluster.report(
                "infinite-it",
                "{\"update\":20,\"reward_mean\":1e999,\"rewards\":{\"eme\":\"NaN\",\"gradient\":0.1},"
                        + "\"images_per_s\":-1e999}");

        TrainingRunStatus reported = cluster.awaitStatus(
                "infinite-it", s -> s.progress() != null && s.progress().update() == 20);
        assertThat(reported.lastMetrics().rewardMean()).isNull();
        assertThat(reported.lastMetrics().rewards()).containsOnlyKeys("gradient");
        assertThat(ClusterObjects.condition(reported, "ProgressValid").getStatus())
                .isEqualTo("False");
        assertThat(ClusterObjects.findCondition(reported, "ReconcileError")).isEmpty();

        kubelet.exited(pod, 0, "");
        cluster.awaitStatus("infinite-it", s -> s.phase() == Phase.Succeeded);
    }

    @Test
    void validationTheTrainerReportsReachesTheStatusAndTheQualityColumnOfKubectlGet() throws Exception {
        cluster.createRun("validated-it", Fixtures.validatedRunSpec());
        await().until(() -> cluster.configMap("validated-it-config"), cm -> cm != null);
        assertThat(cluster.configMap("validated-it-config").getData().get("config.yaml"))
                .contains("data_root: /data/" + Fixtures.VALIDATION_PATH);

        cluster.report(
                "validated-it",
                "{\"update\":50,\"validation\":{\"val/quality\":0.12,\"val/lol/niqe\":4.5},\"validation_update\":50}");

        assertThat(cluster.awaitStatus("validated-it", s -> s.validation() != null)
                        .validation())
                .isEqualTo(new RunValidation(50, Map.of("val/quality", 0.12, "val/lol/niqe", 4.5), null));
        JsonNode table = table("validated-it");
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).contains("Quality");
        assertThat(table.at("/rows/0/cells/" + columns.indexOf("Quality")).asDouble())
                .isEqualTo(0.12);
    }

    /** The run as {@code kubectl get} asks for it: the API server's table, its printer columns filled in. */
    private JsonNode table(String run) throws Exception {
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .url(new URL(
                        client.getMasterUrl(),
                        "apis/" + TrainingRun.GROUP + "/" + TrainingRun.VERSION + "/namespaces/" + Fixtures.NAMESPACE
                                + "/trainingruns/" + run))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                .build();
        HttpResponse<String> answer = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
        assertThat(answer.code()).as(answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    @Test
    void suspendRemovesThePodAndResumeStartsAnotherThatResumesTheRun() {
        cluster.createRun("pausable-it", Fixtures.runSpec());
        Pod first = kubelet.running(kubelet.awaitActivePod("pausable-it"));
        cluster.awaitStatus("pausable-it", s -> s.phase() == Phase.Running);

        cluster.setSuspend("pausable-it", true);

        cluster.awaitStatus("pausable-it", s -> s.phase() == Phase.Suspended);
        assertThat(cluster.job("pausable-it").getSpec().getSuspend()).isTrue();
        await().until(() -> client.pods()
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName(first.getMetadata().getName())
                        .get()
                == null);

        cluster.setSuspend("pausable-it", false);

        Pod second = kubelet.awaitActivePod("pausable-it");
        assertThat(second.getMetadata().getName())
                .isNotEqualTo(first.getMetadata().getName());
        kubelet.running(second);
        cluster.awaitStatus("pausable-it", s -> s.phase() == Phase.Running);
    }

    @Test
    void aQuotaThatRefusesTheJobIsAReconcileErrorUntilItIsLifted() {
        ResourceQuota noJobs = client.resource(new ResourceQuotaBuilder()
                        .withNewMetadata()
                        .withName("no-jobs")
                        .withNamespace(Fixtures.NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .addToHard("count/jobs.batch", new Quantity("0"))
                        .endSpec()
                        .build())
                .create();
        await().until(() -> client.resource(noJobs).get().getStatus() != null);
        try {
            cluster.createRun("over-quota-it", Fixtures.runSpec());

            TrainingRunStatus refused = cluster.awaitStatus(
                    "over-quota-it",
                    s -> ClusterObjects.findCondition(s, "ReconcileError").isPresent());
            assertThat(ClusterObjects.condition(refused, "ReconcileError").getMessage())
                    .startsWith(TrainerJobDependent.NAME + ": HTTP 403: ")
                    .contains("exceeded quota: no-jobs");
            await().untilAsserted(() -> assertThat(cluster.events("over-quota-it"))
                    .anySatisfy(
                            e -> assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning ReconcileError")));
        } finally {
            client.resource(noJobs).delete();
        }

        cluster.awaitJob("over-quota-it");
        assertThat(ClusterObjects.findCondition(
                        cluster.awaitStatus("over-quota-it", s -> "over-quota-it".equals(s.jobName())),
                        "ReconcileError"))
                .isEmpty();
    }

    private boolean operatorMay(String verb, String group, String resource) {
        return controlPlane
                .operatorClient()
                .authorization()
                .v1()
                .selfSubjectAccessReview()
                .create(new SelfSubjectAccessReviewBuilder()
                        .withNewSpec()
                        .withNewResourceAttributes()
                        .withNamespace(Fixtures.NAMESPACE)
                        .withVerb(verb)
                        .withGroup(group)
                        .withResource(resource)
                        .endResourceAttributes()
                        .endSpec()
                        .build())
                .getStatus()
                .getAllowed();
    }
}
