package io.pixelpolish.operator.reconciler;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.PhasedStatus;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.dependent.RunLabels;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The operator tests' view of the cluster, mock or real: they create TrainingRuns and Ablations as
 * a user would and read back what the operator made of them, all in {@link Fixtures#NAMESPACE}.
 */
final class ClusterObjects {
    private final KubernetesClient client;

    ClusterObjects(KubernetesClient client) {
        this.client = client;
    }

    /** Creates a fixture as a user would: the API server assigns uid and generation. */
    <R extends HasMetadata> R submit(R resource) {
        resource.getMetadata().setUid(null);
        resource.getMetadata().setGeneration(null);
        return client.resource(resource).create();
    }

    TrainingRun createRun(String name, TrainingRunSpec spec) {
        return submit(Fixtures.trainingRun(name, spec));
    }

    TrainingRun run(String name) {
        return client.resources(TrainingRun.class)
                .inNamespace(Fixtures.NAMESPACE)
                .withName(name)
                .get();
    }

    TrainingRunStatus awaitStatus(String run, Predicate<TrainingRunStatus> condition) {
        await().until(() -> {
            TrainingRun current = run(run);
            return current.getStatus() != null && condition.test(current.getStatus());
        });
        return run(run).getStatus();
    }

    void setSuspend(String run, boolean suspend) {
        client.resources(TrainingRun.class)
                .inNamespace(Fixtures.NAMESPACE)
                .withName(run)
                .edit(current -> {
                    current.setSpec(current.getSpec().withSuspend(suspend));
                    return current;
                });
    }

    Job job(String name) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName(name)
                .get();
    }

    Job awaitJob(String name) {
        await().until(() -> job(name) != null);
        return job(name);
    }

    ConfigMap configMap(String name) {
        return client.configMaps()
                .inNamespace(Fixtures.NAMESPACE)
                .withName(name)
                .get();
    }

    /** What the trainer does: replace the run's progress report, once the operator has made its ConfigMap. */
    void report(String run, String progressJson) {
        await().until(() -> configMap(run + "-progress") != null);
        client.configMaps()
                .inNamespace(Fixtures.NAMESPACE)
                .withName(run + "-progress")
                .edit(cm -> {
                    cm.setData(java.util.Map.of("progress.json", progressJson));
                    return cm;
                });
    }

    /** The Events whose involved object has this name. */
    List<Event> events(String involvedObject) {
        return client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
                .filter(e -> involvedObject.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    Ablation createAblation(String name, AblationSpec spec) {
        return submit(Fixtures.ablation(name, spec));
    }

    Ablation ablation(String name) {
        return client.resources(Ablation.class)
                .inNamespace(Fixtures.NAMESPACE)
                .withName(name)
                .get();
    }

    List<TrainingRun> children(String ablation) {
        return client.resources(TrainingRun.class)
                .inNamespace(Fixtures.NAMESPACE)
                .withLabel(RunLabels.ABLATION, ablation)
                .list()
                .getItems();
    }

    /** The Jobs of an Ablation's children, whose names all start with the Ablation's. */
    List<Job> jobsOf(String ablation) {
        return client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
                .filter(job -> job.getMetadata().getName().startsWith(ablation + "-"))
                .toList();
    }

    static Condition condition(PhasedStatus status, String type) {
        return findCondition(status, type).orElseThrow();
    }

    /** Empty also while there is no status yet, so a test can wait for the condition to appear. */
    static Optional<Condition> findCondition(PhasedStatus status, String type) {
        return status == null || status.conditions() == null
                ? Optional.empty()
                : status.conditions().stream()
                        .filter(c -> c.getType().equals(type))
                        .findFirst();
    }

    /** What the API server answers when a quota or an admission webhook refuses a create. */
    static Status forbidden(String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(HttpURLConnection.HTTP_FORBIDDEN)
                .withReason("Forbidden")
                .withMessage(message)
                .build();
    }
}
