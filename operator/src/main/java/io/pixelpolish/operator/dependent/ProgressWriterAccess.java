package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.pixelpolish.operator.api.TrainingRun;

/**
 * The trainer pod's only API permission: get and patch its own progress ConfigMap. One Role per
 * run, with resourceNames, so a pod can touch nothing else, not even another run's progress.
 */
public final class ProgressWriterAccess {
    static final String COMPONENT = "progress-writer";

    private ProgressWriterAccess() {}

    public static ServiceAccount serviceAccount(TrainingRun run) {
        return new ServiceAccountBuilder()
                .withMetadata(
                        Owned.metadata(run, RunResourceNames.trainerServiceAccount(run), RunLabels.of(run, COMPONENT)))
                .build();
    }

    public static Role role(TrainingRun run) {
        return new RoleBuilder()
                .withMetadata(
                        Owned.metadata(run, RunResourceNames.progressWriterRole(run), RunLabels.of(run, COMPONENT)))
                .withRules(new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("configmaps")
                        .withResourceNames(RunResourceNames.progressConfigMap(run))
                        .withVerbs("get", "patch", "update")
                        .build())
                .build();
    }

    public static RoleBinding roleBinding(TrainingRun run) {
        return new RoleBindingBuilder()
                .withMetadata(
                        Owned.metadata(run, RunResourceNames.progressWriterRole(run), RunLabels.of(run, COMPONENT)))
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(RunResourceNames.trainerServiceAccount(run))
                .withNamespace(run.getMetadata().getNamespace())
                .endSubject()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName(RunResourceNames.progressWriterRole(run))
                .endRoleRef()
                .build();
    }
}
