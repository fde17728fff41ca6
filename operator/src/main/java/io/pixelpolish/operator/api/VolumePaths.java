package io.pixelpolish.operator.api;

/** The rule shared by data, validation and output paths: they stay inside their claim; and where the pod sees them. */
final class VolumePaths {
    static final String RELATIVE_RULE =
            "!has(self.path) || (!self.path.startsWith('/') && !self.path.matches('(^|.*/)[.][.](/.*|$)'))";
    static final String RELATIVE_MESSAGE = "path: expected a path relative to the claim's root, without '..'";

    private VolumePaths() {}

    static String orRoot(String path) {
        return path == null ? "" : path.replaceAll("/+$", "");
    }

    /** A folder of a claim mounted at {@code mount}, as the trainer sees it. */
    static String under(String mount, String relativePath) {
        return relativePath.isEmpty() ? mount : mount + "/" + relativePath;
    }
}
