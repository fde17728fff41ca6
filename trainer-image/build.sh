#!/usr/bin/env bash
# Builds a PixelPolish image here, without a Docker engine or a registry, on the local base from
# build-base.sh, into the cached storage of containers.sh:
#   trainer-image/build.sh cpu   the Dockerfile, with buildah       -> localhost/pixelpolish/trainer:cpu
#   trainer-image/build.sh jib   the Maven route, Jib buildTar      -> localhost/pixelpolish/trainer:jib
#   trainer-image/build.sh cuda  Dockerfile.cuda (pulls ~3 GB of PyTorch wheels from PyPI)
#                                                                   -> localhost/pixelpolish/trainer:cuda
#   trainer-image/build.sh operator  the operator, Quarkus's Jib     -> localhost/pixelpolish/operator:dev
# Elsewhere, build the Dockerfiles with docker/podman and their default public bases instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
source "$here/containers.sh"
require_tools buildah podman
variant="${1:?usage: build.sh cpu|jib|cuda|operator}"
image="localhost/pixelpolish/trainer:$variant"
[[ "$variant" != operator ]] || image="localhost/pixelpolish/operator:dev"

"$here/build-base.sh"
cd "$root"
mvn_image_tree() { ./mvnw -q -B -Pimage -pl trainer-image -am package -DskipTests "$@"; }
build_dockerfile() {
  buildah bud --isolation chroot --pull=never --layers=false --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$image" "$@" .
}

case "$variant" in
  cpu)
    mvn_image_tree
    build_dockerfile -f trainer-image/Dockerfile
    ;;
  jib)
    mvn_image_tree -Djib.skip=false -Dtrainer.image.base="tar://$BASE_ARCHIVE" -Dtrainer.image.name="$image"
    podman load -q -i trainer-image/target/jib-image.tar
    ;;
  cuda)
    # The wheel stage needs pip: a Debian Python on the same local base stands in for python:3.11-slim.
    python_image="localhost/pixelpolish/python:bookworm"
    if ! podman image exists "$python_image"; then
      context="$(mktemp -d)"
      printf 'FROM %s\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*\n' \
        "$BASE_IMAGE" >"$context/Containerfile"
      buildah bud --isolation chroot --pull=never -t "$python_image" "$context"
      rm -rf "$context"
    fi
    mvn_image_tree -Pcuda
    # pip in the wheel stage trusts what this machine trusts (some networks re-sign TLS on the way).
    build_dockerfile -f trainer-image/Dockerfile.cuda --build-arg "PYTHON_IMAGE=$python_image" \
      --volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro
    ;;
  operator)
    # Quarkus's Jib hands the image to `podman load`, which uses the storage of containers.sh.
    ./mvnw -q -B -pl operator -am package -DskipTests -Dquarkus.container-image.build=true \
      -Dquarkus.container-image.image="$image" -Dquarkus.jib.base-jvm-image="tar://$BASE_ARCHIVE" \
      -Dquarkus.jib.docker-executable-name=podman
    ;;
  *)
    echo "unknown variant '$variant': cpu, jib, cuda or operator" >&2
    exit 2
    ;;
esac
# The image this replaced is now untagged; dropping it keeps the cache from growing with every build.
podman image prune -f >/dev/null
podman image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$image"
