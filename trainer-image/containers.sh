# Sourced by the trainer-image scripts: one private, cached container storage for podman and buildah.
# There is no Docker engine here, and no user namespaces or overlay mounts to rely on, so images are
# kept with the vfs driver and built with chroot isolation, as root. The cache survives between runs
# (CI clones afresh, /var/tmp stays), which is what makes the second build cheap.
IMAGE_CACHE="${PIXELPOLISH_IMAGE_CACHE:-/var/tmp/pixelpolish-images}"
STORAGE_OPTS=(--root "$IMAGE_CACHE/storage" --runroot "$IMAGE_CACHE/run" --storage-driver vfs)
BASE_IMAGE="localhost/pixelpolish/base:bookworm-jre17"
BASE_ARCHIVE="$IMAGE_CACHE/base-bookworm-jre17.tar"

podman_() { podman "${STORAGE_OPTS[@]}" "$@"; }
buildah_() { buildah "${STORAGE_OPTS[@]}" "$@"; }

require_tools() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]}; on Debian: apt-get install -y buildah podman debootstrap" >&2
    exit 1
  fi
}
