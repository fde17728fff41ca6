package io.pixelpolish.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.TrainingRun;
import org.junit.jupiter.api.Test;

class ProgressWriterAccessTest {
    private final TrainingRun run = Fixtures.trainingRun("denoise", Fixtures.runSpec());

    @Test
    void roleAllowsWritingOnlyTheRunsOwnProgressConfigMap() {
        Role role = ProgressWriterAccess.role(run);

        assertThat(role.getMetadata().getName()).isEqualTo("denoise-progress-writer");
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("configmaps");
            assertThat(rule.getResourceNames()).containsExactly("denoise-progress");
            assertThat(rule.getVerbs()).containsExactly("get", "patch", "update");
        });
    }

    @Test
    void bindingGrantsItToThePodsServiceAccount() {
        RoleBinding binding = ProgressWriterAccess.roleBinding(run);

        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("denoise-progress-writer");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("denoise-trainer");
            assertThat(s.getNamespace()).isEqualTo(Fixtures.NAMESPACE);
        });
        assertThat(ProgressWriterAccess.serviceAccount(run).getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo("denoise"));
    }

    @Test
    void configMapsAreOwnedAndTheEffectiveConfigIsImmutable() {
        ConfigMap config = TrainerConfigMaps.effectiveConfig(run, "seed: 0\n");
        ConfigMap progress = TrainerConfigMaps.progress(run);

        assertThat(config.getMetadata().getName()).isEqualTo("denoise-config");
        assertThat(config.getImmutable()).isTrue();
        assertThat(config.getData()).containsEntry("config.yaml", "seed: 0\n");
        assertThat(progress.getMetadata().getName()).isEqualTo("denoise-progress");
        assertThat(progress.getData()).isNullOrEmpty();
        assertThat(progress.getMetadata().getLabels())
                .containsEntry(RunLabels.RUN, "denoise")
                .containsEntry(RunLabels.MANAGED_BY, RunLabels.OPERATOR);
        assertThat(progress.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(ref -> assertThat(ref.getController()).isTrue());
    }
}
