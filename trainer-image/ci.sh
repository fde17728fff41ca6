#!/usr/bin/env bash
# The image checks CI runs after `./mvnw -B verify` (called from .ci/run). They need root, buildah,
# podman and debootstrap, and take minutes, so they stay out of the Maven build that every developer
# runs. Idempotent: tools are installed once, the base image is cached in /var/tmp.
#   - CPU trainer image from the Dockerfile and from Jib, each run in a read-only chroot as uid 1000
#     (--help, native libraries, smoke);
#   - CUDA: the -Pcuda image tree (cu128 JNI library) and the versions Dockerfile.cuda pins. The full
#     CUDA image pulls ~3 GB of wheels; PIXELPOLISH_CI_CUDA_IMAGE=1 builds and checks it too (its
#     smoke needs the NVIDIA driver, so only its libraries are checked);
#   - the operator image, built by Quarkus's Jib.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
source "$here/containers.sh"

missing=()
for tool in buildah podman debootstrap; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah podman debootstrap >/dev/null
fi

started=$SECONDS
"$here/build-base.sh"
echo "base image ready after $((SECONDS - started)) s"

passed=0
for variant in cpu jib; do
  "$here/build.sh" "$variant"
  "$here/test-image.sh" "localhost/pixelpolish/trainer:$variant"
  passed=$((passed + 1))
done

pytorch_version="$(sed -n 's:.*<pytorch.native.version>\(.*\)</pytorch.native.version>.*:\1:p' pom.xml)"
for pin in "ARG TORCH_VERSION=$pytorch_version" "PYTORCH_VERSION=$pytorch_version" "PYTORCH_FLAVOR=cu128"; do
  grep -q "$pin" "$here/Dockerfile.cuda" || { echo "FAIL Dockerfile.cuda does not pin $pin (pom: libtorch $pytorch_version)" >&2; exit 1; }
done
if [[ "${PIXELPOLISH_CI_CUDA_IMAGE:-0}" == 1 ]]; then
  "$here/build.sh" cuda
  "$here/test-image.sh" localhost/pixelpolish/trainer:cuda
  passed=$((passed + 1))
else
  ./mvnw -q -B -Pimage,cuda -pl trainer-image -am package -DskipTests
  jni="trainer-image/target/image-cu128/opt/pixelpolish/engine/pytorch/$pytorch_version-cu128-linux-x86_64"
  compgen -G "$jni/*-libdjl_torch.so" >/dev/null || { echo "FAIL no cu128 JNI library in $jni" >&2; exit 1; }
  echo "CUDA image tree ok; the CUDA image itself is built with PIXELPOLISH_CI_CUDA_IMAGE=1"
  passed=$((passed + 1))
fi

"$here/build.sh" operator
user="$(podman image inspect --format '{{.Config.User}}' localhost/pixelpolish/operator:dev)"
[[ "$user" =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || { echo "FAIL the operator image runs as '$user', not a numeric non-root uid" >&2; exit 1; }
passed=$((passed + 1))
echo "images checked in $((SECONDS - started)) s"
echo "images: $passed passed, 0 failed"
