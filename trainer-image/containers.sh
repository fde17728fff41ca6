# Sourced by the trainer-image scripts: one private, cached container storage for podman and buildah.
# There is no Docker engine here, and no user namespaces or overlay mounts to rely on, so images are
# kept with the vfs driver and built with chroot isolation, as root. The cache survives between runs
# (CI clones afresh, /var/tmp stays), which is what makes the second build cheap.
# Exported, so that tools which call podman themselves (Jib's `podman load`) use the same storage.
IMAGE_CACHE="${PIXELPOLISH_IMAGE_CACHE:-/var/tmp/pixelpolish-images}"
BASE_IMAGE="localhost/pixelpolish/base:bookworm-jre17"
BASE_ARCHIVE="$IMAGE_CACHE/base-bookworm-jre17.tar"
mkdir -p "$IMAGE_CACHE"
cat >"$IMAGE_CACHE/storage.conf" <<CONF
[storage]
driver = "vfs"
graphroot = "$IMAGE_CACHE/storage"
runroot = "$IMAGE_CACHE/run"
CONF
export CONTAINERS_STORAGE_CONF="$IMAGE_CACHE/storage.conf"

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
