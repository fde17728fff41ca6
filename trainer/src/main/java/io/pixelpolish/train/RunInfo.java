package io.pixelpolish.train;

import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.EffectiveConfig;

/** What a tracker learns about a run when it starts. */
public record RunInfo(String runName, RunFolder folder, EffectiveConfig config, int startUpdate, int totalUpdates) {}
