package io.pixelpolish.operator.config;

import io.pixelpolish.operator.api.TrainingRunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What an admin lets a TrainingRun ask for, beyond what RBAC already decides (who may create
 * runs in a namespace): creating a run otherwise means running any image, as any ServiceAccount
 * of the namespace, with any of its Secrets as MLflow credentials. Checked before anything of the
 * run is created; the chart also writes the same limits into the CRDs as CEL rules, so the API
 * server refuses such a run up front.
 *
 * @param imagePrefixes what spec.image must start with; empty: any image. The operator's own
 *     default images are always allowed
 * @param serviceAccounts what spec.serviceAccountName may name; empty: any. A run that names none
 *     gets one the operator creates for it, which is always allowed
 * @param runSecrets whether spec.tracking.credentialsSecretRef may name a Secret
 */
public record AdmissionPolicy(List<String> imagePrefixes, List<String> serviceAccounts, boolean runSecrets) {
    public static final AdmissionPolicy OPEN = new AdmissionPolicy(List.of(), List.of(), true);

    public AdmissionPolicy {
        imagePrefixes = List.copyOf(imagePrefixes);
        serviceAccounts = List.copyOf(serviceAccounts);
    }

    /**
     * Each field of {@code spec} that asks for more than allowed, named from {@code path} (spec,
     * spec.template) with what is allowed instead; empty when the run may start.
     */
    public List<String> refusals(String path, TrainingRunSpec spec) {
        List<String> refusals = new ArrayList<>();
        String image = spec.image();
        if (image != null && !imagePrefixes.isEmpty() && imagePrefixes.stream().noneMatch(image::startsWith)) {
            refusals.add(path + ".image: '" + image + "' does not start with an allowed prefix " + imagePrefixes);
        }
        String account = spec.serviceAccountName();
        if (account != null && !serviceAccounts.isEmpty() && !serviceAccounts.contains(account)) {
            refusals.add(path + ".serviceAccountName: '" + account + "' is not an allowed ServiceAccount "
                    + serviceAccounts + " (leave it unset for one of the run's own)");
        }
        if (!runSecrets && spec.tracking() != null && spec.tracking().namesSecret()) {
            refusals.add(path + ".tracking.credentialsSecretRef: runs may not name Secrets here; the operator's"
                    + " default credentials go to its default MLflow server");
        }
        return refusals;
    }
}
