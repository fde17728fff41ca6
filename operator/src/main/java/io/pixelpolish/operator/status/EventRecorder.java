package io.pixelpolish.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.dependent.RunLabels;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The one writer of Events. A repeated Event (same object, type, reason and message) is counted on
 * the first one rather than written again, as client-go's recorder does, so a reconcile that fails
 * on every retry shows once in {@code kubectl describe}, with how often and since when. The name is
 * derived from what makes Events the same, so the API server itself answers whether one exists.
 */
public class EventRecorder {
    public enum Type {
        Normal,
        Warning
    }

    /** Every reason word of the operator's conditions and Events, so tests and docs use the same ones. */
    public enum Reason {
        // A TrainingRun's config.
        ConfigMerged,
        InvalidConfig,
        ConfigMapNotFound,
        /** The spec asks for what the admin's admission limits do not allow (image, ServiceAccount, Secret). */
        NotAllowed,
        /** An object the run needs exists under its name but was not created for it: it is not used. */
        NotOwned,

        // Why a TrainingRun is in its phase.
        Creating,
        /** The Job is gone but one of its pods still runs: no second pod may write the run folder. */
        PreviousPodRunning,
        Starting,
        Queued,
        Suspended,
        TrainerRunning,
        Completed,
        ImagePullBackOff,
        CreateContainerConfigError,
        CreateContainerError,
        /** The kubelet holds the trainer container back for a reason of its own, named in the message. */
        ContainerWaiting,
        Unschedulable,
        OOMKilled,
        BackoffLimitExceeded,
        DeadlineExceeded,
        PodFailurePolicy,
        JobFailed,

        // The trainer's reward-hacking watch: it fired (and, with stopOnRewardHacking, why the run ended), or not.
        RewardHacking,
        NoRewardHacking,

        // The trainer's last progress report: taken as it was, or partly or wholly refused.
        ProgressAccepted,
        ProgressRefused,

        // Why an Ablation is in its phase, and why it stopped a run.
        SpecExpanded,
        InvalidSpec,
        ArmsRunning,
        FailureBudgetExceeded,
        EarlyStopped,
        NoArmSucceeded,

        // The reason of a phase condition that does not hold: the phase that does.
        Pending,
        Running,
        Succeeded,
        Failed,

        /** The last reconcile failed; the message is what the API server answered. */
        ReconcileError;

        public static Reason of(Phase phase) {
            return switch (phase) {
                case Pending -> Pending;
                case Running -> Running;
                case Succeeded -> Succeeded;
                case Failed -> Failed;
                case Suspended -> Suspended;
            };
        }
    }

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** An Event on {@code resource}; losing one is not worth failing a reconcile over, so errors are logged. */
    public void event(HasMetadata resource, Type type, Reason reason, String message) {
        String now = clock.instant().toString();
        String namespace = resource.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(resource.getMetadata().getName() + "." + key(resource, type, reason, message))
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(resource.getApiVersion())
                        .withKind(resource.getKind())
                        .withName(resource.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(resource.getMetadata().getUid())
                        .build())
                .withType(type.name())
                .withReason(reason.name())
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent(RunLabels.OPERATOR)
                .endSource()
                .withReportingComponent(RunLabels.OPERATOR)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                countRepeat(resource, event, now);
            } else {
                notRecorded(resource, event, e);
            }
        }
    }

    private void countRepeat(HasMetadata resource, Event event, String now) {
        try {
            client.v1()
                    .events()
                    .inNamespace(event.getMetadata().getNamespace())
                    .withName(event.getMetadata().getName())
                    .edit(existing -> {
                        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                        existing.setLastTimestamp(now);
                        return existing;
                    });
        } catch (KubernetesClientException e) {
            notRecorded(resource, event, e);
        }
    }

    private static void notRecorded(HasMetadata resource, Event event, KubernetesClientException e) {
        LOG.warnf(
                "event %s on %s/%s not recorded: %s",
                event.getReason(), resource.getKind(), resource.getMetadata().getName(), e.getMessage());
    }

    /** Short and the same for the same Event: the object's uid (a re-created object starts anew), type, reason and message. */
    private static String key(HasMetadata resource, Type type, Reason reason, String message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String identity = resource.getMetadata().getUid() + "\n" + type + "\n" + reason + "\n" + message;
            return HexFormat.of().formatHex(sha.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
