package io.pixelpolish.operator.api;

/** The rule shared by data and output paths: they stay inside their claim. */
final class VolumePaths {
    static final String RELATIVE_RULE =
            "!has(self.path) || (!self.path.startsWith('/') && !self.path.matches('(^|.*/)[.][.](/.*|$)'))";
    static final String RELATIVE_MESSAGE = "path: expected a path relative to the claim's root, without '..'";

    private VolumePaths() {}

    static String orRoot(String path) {
        return path == null ? "" : path.replaceAll("/+$", "");
    }
}
