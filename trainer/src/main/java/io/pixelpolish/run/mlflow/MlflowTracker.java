package io.pixelpolish.run.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.ProgressReport;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.train.RunInfo;
import io.pixelpolish.train.RunLinks;
import io.pixelpolish.train.RunTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run in MLflow: experiment (created if missing), a run named after the run folder with
 * the {@link RunIdentity} tags, the flattened config as params, every update's metrics at step =
 * update, config.yaml, sample PNGs and the final and best checkpoints as artifacts, and the end
 * status. Training never waits for MLflow: every call happens on one background thread, in order,
 * retried with backoff while the server is down or slow; metrics are written to the run folder
 * first ({@link MlflowOutbox}) and leave it only once MLflow has them. A resumed run continues the
 * same MLflow run and sends only updates MLflow does not have yet.
 */
public final class MlflowTracker implements RunTracker {
    public static final String RUN_ID_LINK = ProgressReport.MLFLOW_RUN_ID;
    public static final String RUN_URL_LINK = ProgressReport.MLFLOW_RUN_URL;
    /** MLflow refuses a logBatch with more than 1000 metrics or 100 params. */
    static final int MAX_METRICS_PER_BATCH = 1000;

    static final int MAX_PARAMS_PER_BATCH = 100;
    /** A stopped pod has a grace period (30 s by default) to checkpoint and exit. */
    static final Duration KILLED_FLUSH_LIMIT = Duration.ofSeconds(10);

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private sealed interface Task permits Metrics, Upload, Terminate {}

    private record Metrics(MlflowOutbox.Row row) implements Task {}

    private record Upload(Path file, String artifactPath) implements Task {}

    private record Terminate(Status status, String message) implements Task {}

    /** A refusal that no retry can change (bad request, missing permission): MLflow recording stops. */
    private static final class Refused extends RuntimeException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MlflowSettings settings;
    private final RunIdentity identity;
    private final RunLinks links;
    private final LinkedBlockingDeque<Task> tasks = new LinkedBlockingDeque<>();
    private MlflowClient client;
    private MlflowArtifacts artifacts;
    private MlflowOutbox outbox;
    private RunInfo info;
    private int loggedBeforeStart;
    private Thread sender;
    private volatile boolean draining;
    private boolean runOpen;
    private String artifactUri;

    public MlflowTracker(MlflowSettings settings, RunIdentity identity, RunLinks links) {
        this.settings = settings;
        this.identity = identity;
        this.links = links;
    }

    @Override
    public void started(RunInfo runInfo) {
        info = runInfo;
        try {
            outbox = MlflowOutbox.open(runInfo.folder(), runInfo.startUpdate());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the MLflow outbox of " + runInfo.folder().root(), e);
        }
        loggedBeforeStart = outbox.state().loggedThrough();
        outbox.unsent().forEach(row -> tasks.add(new Metrics(row)));
        tasks.add(new Upload(runInfo.folder().configFile(), "config.yaml"));
        client = settings.newClient();
        artifacts = new MlflowArtifacts(settings.hostCreds(), Duration.ofMinutes(30));
        LOG.info("recording run {} in MLflow at {}", runInfo.runName(), settings);
        sender = new Thread(this::send, "mlflow-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        if (update <= loggedBeforeStart) {
            // MLflow has this step from before a crash that lost the checkpoint after it.
            return;
        }
        MlflowOutbox.Row row = new MlflowOutbox.Row(update, System.currentTimeMillis(), Map.copyOf(metrics));
        outbox.append(row);
        tasks.add(new Metrics(row));
    }

    @Override
    public void sampleWritten(int update, Path image) {
        tasks.add(new Upload(image, "samples/" + image.getFileName()));
    }

    /**
     * Queues the end of the run (the final and best checkpoints when it finished) and waits, at most
     * {@code tracking.flush_timeout_s} (10 s for a stopped run), for MLflow to take everything, so
     * trackers called after this one see the MLflow run.
     */
    @Override
    public void finished(Status status, String message) {
        if (sender == null) {
            return;
        }
        if (status == Status.FINISHED) {
            Path checkpoints = info.folder().checkpoints();
            for (String name : List.of(CheckpointStore.FINAL, CheckpointStore.BEST)) {
                if (Files.isRegularFile(checkpoints.resolve(name))) {
                    tasks.add(new Upload(checkpoints.resolve(name), "checkpoints/" + name));
                }
            }
        }
        tasks.add(new Terminate(status, message));
        draining = true;
        Duration limit = status == Status.KILLED && settings.flushTimeout().compareTo(KILLED_FLUSH_LIMIT) > 0
                ? KILLED_FLUSH_LIMIT
                : settings.flushTimeout();
        try {
            sender.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (sender == null) {
            return;
        }
        draining = true;
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long rows = tasks.stream().filter(Metrics.class::isInstance).count();
        if (!tasks.isEmpty()) {
            LOG.warn(
                    "MLflow did not take everything in time: {} updates of metrics stay buffered in {} and are sent when the run is"
                            + " resumed; {} other requests (artifacts, end status) were dropped",
                    rows,
                    info.folder().mlflow(),
                    tasks.size() - rows);
        }
        outbox.close(rows == 0);
        client.close();
    }

    /** The sender thread: opens the run, then works through the tasks in order until drained or interrupted. */
    private void send() {
        Duration wait = FIRST_RETRY;
        boolean failing = false;
        while (!Thread.currentThread().isInterrupted()) {
            List<Task> batch = new ArrayList<>();
            try {
                if (!runOpen) {
                    openRun();
                    runOpen = true;
                }
                Task head = tasks.pollFirst(200, TimeUnit.MILLISECONDS);
                if (head == null) {
                    if (draining) {
                        return;
                    }
                    continue;
                }
                batch.add(head);
                if (head instanceof Metrics first) {
                    int count = first.row().metrics().size();
                    while (tasks.peekFirst() instanceof Metrics next
                            && count + next.row().metrics().size() <= MAX_METRICS_PER_BATCH) {
                        batch.add(tasks.pollFirst());
                        count += next.row().metrics().size();
                    }
                }
                perform(batch);
                if (failing) {
                    LOG.info("MLflow answers again at {}; buffered metrics are being sent", settings.trackingUri());
                    failing = false;
                }
                wait = FIRST_RETRY;
            } catch (InterruptedException e) {
                requeue(batch);
                return;
            } catch (Refused e) {
                requeue(batch);
                LOG.error(
                        "MLflow refused a request, so this process records nothing more there (the run folder has everything;"
                                + " a resume sends the buffered metrics): {}",
                        e.getMessage());
                return;
            } catch (IOException | RuntimeException e) {
                requeue(batch);
                if (!failing) {
                    LOG.warn(
                            "MLflow at {} is unreachable or failing ({}); training goes on, metrics are buffered in {} and sent in"
                                    + " order once it answers",
                            settings.trackingUri(),
                            e.getMessage(),
                            info.folder().mlflow());
                    failing = true;
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private void requeue(List<Task> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            tasks.addFirst(batch.get(i));
        }
    }

    private void perform(List<Task> batch) throws IOException {
        String runId = outbox.state().runId();
        Task head = batch.get(0);
        if (head instanceof Metrics) {
            List<Service.Metric> metrics = new ArrayList<>();
            for (Task task : batch) {
                MlflowOutbox.Row row = ((Metrics) task).row();
                row.metrics()
                        .forEach((key, value) -> metrics.add(Service.Metric.newBuilder()
                                .setKey(key)
                                .setValue(value)
                                .setTimestamp(row.timestampMillis())
                                .setStep(row.update())
                                .build()));
            }
            refusalsAreFinal(() -> client.logBatch(runId, metrics, List.of(), List.of()));
            outbox.acknowledged(((Metrics) batch.get(batch.size() - 1)).row().update());
        } else if (head instanceof Upload upload) {
            if (!Files.isRegularFile(upload.file())) {
                LOG.warn("not uploading {} to MLflow: the file is gone", upload.file());
                return;
            }
            artifacts.upload(artifactUri, upload.file(), upload.artifactPath());
        } else if (head instanceof Terminate end) {
            refusalsAreFinal(() -> {
                client.setTag(runId, "pixelpolish.status_message", truncate(end.message(), 5000));
                client.setTerminated(
                        runId, Service.RunStatus.valueOf(end.status().name()), System.currentTimeMillis());
            });
        }
    }

    /** Creates the MLflow run, or continues the one the run folder names, and publishes its links. */
    private void openRun() {
        MlflowOutbox.State state = outbox.state();
        if (state.runId() == null) {
            String experimentId = refusalsAreFinal(() -> settings.experimentId(client));
            Service.CreateRun.Builder request = Service.CreateRun.newBuilder()
                    .setExperimentId(experimentId)
                    .setRunName(identity.runName())
                    .setStartTime(System.currentTimeMillis());
            identity.tags(info.config().config())
                    .forEach((key, value) -> request.addTags(
                            Service.RunTag.newBuilder().setKey(key).setValue(value)));
            Service.RunInfo run = refusalsAreFinal(() -> client.createRun(request.build()));
            outbox.runOpened(run.getRunId(), experimentId);
            artifactUri = run.getArtifactUri();
        } else {
            String runId = state.runId();
            artifactUri = refusalsAreFinal(() -> client.getRun(runId)).getInfo().getArtifactUri();
            refusalsAreFinal(() -> client.sendPost(
                    "runs/update",
                    JSON.createObjectNode()
                            .put("run_id", runId)
                            .put("status", "RUNNING")
                            .toString()));
            LOG.info("continuing MLflow run {} after update {}", runId, state.loggedThrough());
        }
        state = outbox.state();
        links.publish(RUN_ID_LINK, state.runId());
        links.publish(RUN_URL_LINK, settings.runUrl(state.experimentId(), state.runId()));
        if (!state.paramsLogged()) {
            logParams(state.runId());
            outbox.paramsLogged();
        }
    }

    /**
     * The effective config, flattened ({@code train.lr}), without {@code tracking.*}: those keys say
     * where the run is recorded, not what it learns, and may change when it resumes, which MLflow's
     * immutable params would refuse.
     */
    private void logParams(String runId) {
        PixelPolishConfig config = info.config().config();
        List<Service.Param> params = ConfigLoader.flatten(config).entrySet().stream()
                .filter(e -> !e.getKey().startsWith("tracking."))
                .map(e -> Service.Param.newBuilder()
                        .setKey(e.getKey())
                        .setValue(e.getValue())
                        .build())
                .toList();
        for (int from = 0; from < params.size(); from += MAX_PARAMS_PER_BATCH) {
            List<Service.Param> chunk = params.subList(from, Math.min(params.size(), from + MAX_PARAMS_PER_BATCH));
            refusalsAreFinal(() -> client.logBatch(runId, List.of(), chunk, List.of()));
        }
    }

    private interface Call<T> {
        T call();
    }

    /** HTTP 4xx other than 408 and 429 means the request itself is wrong: retrying cannot help. */
    private static <T> T refusalsAreFinal(Call<T> call) {
        try {
            return call.call();
        } catch (MlflowHttpException e) {
            int code = e.getStatusCode();
            if (code >= 400 && code < 500 && code != 408 && code != 429) {
                throw new Refused("HTTP " + code + " " + e.getBodyMessage(), e);
            }
            throw e;
        }
    }

    private static void refusalsAreFinal(Runnable call) {
        refusalsAreFinal(() -> {
            call.run();
            return null;
        });
    }

    private static String truncate(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }
}
