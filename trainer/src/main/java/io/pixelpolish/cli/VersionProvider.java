package io.pixelpolish.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (unknown when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PixelPolishCli.class.getPackage().getImplementationVersion();
        return new String[] {"pixelpolish " + (version == null ? "(development build)" : version)};
    }
}
