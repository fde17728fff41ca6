package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chart grants the operator exactly what its reconcilers declare with @RBACRule (plus their own
 * custom resources): the ClusterRoles that the operator's build generates from those annotations
 * are the reference, compared as sets of apiGroup/resource/verb.
 */
class ChartRbacTest {
    private static final Path GENERATED = RenderedChart.repoRoot().resolve("operator/target/kubernetes/kubernetes.yml");

    @Test
    void clusterWideByDefaultWithExactlyTheOperatorsPermissions() throws IOException {
        RenderedChart chart = RenderedChart.withDefaults();
        assertThat(chart.all(Role.class)).isEmpty();
        ClusterRole role = chart.get(ClusterRole.class, "pp-pixelpolish");
        assertThat(permissions(role.getRules())).containsExactlyElementsOf(generatedPermissions());
        assertThat(permissions(role.getRules()))
                .as("no Secret of any namespace is readable by the operator")
                .noneMatch(permission -> permission.startsWith("/secrets:"));

        ClusterRoleBinding binding = chart.get(ClusterRoleBinding.class, "pp-pixelpolish");
        assertThat(binding.getRoleRef().getName()).isEqualTo("pp-pixelpolish");
        assertThat(binding.getSubjects())
                .extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "ServiceAccount", "pp-pixelpolish", RenderedChart.NAMESPACE));
    }

    @Test
    void namespacedWhenNamespacesAreListed() throws IOException {
        RenderedChart chart = RenderedChart.withValues("custom.yaml");
        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
        assertThat(chart.all(Role.class))
                .extracting(r -> r.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
        for (Role role : chart.all(Role.class)) {
            assertThat(permissions(role.getRules()))
                    .containsExactlyElementsOf(generatedPermissions())
                    .noneMatch(permission -> permission.startsWith("/secrets:"));
        }
        assertThat(chart.all(RoleBinding.class)).hasSize(2).allSatisfy(binding -> {
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo("pp-pixelpolish");
                assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            });
        });
    }

    @Test
    void rbacCanBeLeftToTheCluster() {
        RenderedChart chart = RenderedChart.render(c -> c.set("rbac.create", false));
        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    }

    /** apiGroup/resource/verb of every ClusterRole QOSDK generated from the reconcilers. */
    private static Set<String> generatedPermissions() throws IOException {
        assertThat(GENERATED)
                .withFailMessage("%s is missing: build the operator first (./mvnw -pl charts -am verify)", GENERATED)
                .exists();
        List<HasMetadata> manifests;
        try (InputStream in = Files.newInputStream(GENERATED)) {
            manifests = new KubernetesSerialization().unmarshal(in);
        }
        List<ClusterRole> roles = manifests.stream()
                .filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast)
                .toList();
        assertThat(roles).as("ClusterRoles in %s", GENERATED).isNotEmpty();
        return permissions(roles.stream().flatMap(r -> r.getRules().stream()).toList());
    }

    private static Set<String> permissions(Collection<PolicyRule> rules) {
        Set<String> permissions = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        permissions.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        return permissions;
    }
}
