package io.pixelpolish.operator.api;

/** The form of a dotted trainer config key, shared by every field that names one. */
final class ConfigKeys {
    static final String DOTTED_KEY = "^[a-z0-9_]+([.][a-z0-9_]+)*$";

    private ConfigKeys() {}
}
