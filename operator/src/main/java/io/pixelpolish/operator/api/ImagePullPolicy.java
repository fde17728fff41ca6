package io.pixelpolish.operator.api;

/** The Kubernetes image pull policies. */
public enum ImagePullPolicy {
    Always,
    IfNotPresent,
    Never
}
