#!/usr/bin/env bash
# Tests a built trainer image the way a pod runs it, without a container runtime (podman run cannot
# start containers here): mount the image's filesystem read-only, give it a fresh /tmp, /proc and
# /dev as the runtime would, and chroot into it as the image's user with exactly the image's
# environment and entrypoint. `--help` and `smoke` (one PPO update through libtorch) must pass, and
# libtorch must load from the image without a byte written outside /tmp.
#   trainer-image/test-image.sh localhost/pixelpolish/trainer:cpu
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/containers.sh"
require_tools buildah podman unshare chroot
image="${1:?usage: test-image.sh IMAGE}"

fail() { echo "FAIL $image: $*" >&2; exit 1; }
config() { podman image inspect --format "$1" "$image"; }

user="$(config '{{.Config.User}}')"
[[ "$user" =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || fail "USER must be a numeric non-root uid (runAsNonRoot), is '$user'"
[[ "$user" == *:* ]] || user="$user:$user"
mapfile -t entrypoint < <(config '{{range .Config.Entrypoint}}{{println .}}{{end}}' | sed '/^$/d')
[[ "${entrypoint[*]}" == "pixelpolish" ]] || fail "entrypoint must be pixelpolish, is '${entrypoint[*]}'"

container="$(buildah from --pull=never "$image")"
scratch="$(mktemp -d)"
trap 'buildah rm "$container" >/dev/null; rm -rf "$scratch"' EXIT
rootfs="$(buildah mount "$container")"
config '{{range .Config.Env}}{{println .}}{{end}}' | sed '/^$/d' >"$scratch/env"

writable="$(find "$rootfs/opt/pixelpolish" \( -perm -o+w -o ! -user 0 \) -print -quit)"
[[ -z "$writable" ]] || fail "${writable#"$rootfs"} is writable by or owned by a non-root user"

# Runs the entrypoint with the given arguments in a private mount namespace, so nothing stays
# mounted afterwards; fails if libtorch was copied to /tmp instead of loaded from the image.
run_in_image() {
  unshare --mount --propagation private bash -euo pipefail -s "$rootfs" "$user" "$scratch/env" "${entrypoint[@]}" "$@" <<'INNER'
rootfs="$1" user="$2" env_file="$3"; shift 3
mapfile -t env <"$env_file"
target="$(mktemp -d)"
mount --bind "$rootfs" "$target"
mount -o remount,bind,ro "$target"
mount -t tmpfs -o mode=1777 tmpfs "$target/tmp"
mount -t proc proc "$target/proc"
mount --rbind /dev "$target/dev"
env -i "${env[@]}" chroot --userspec="$user" "$target" "$@"
if [[ -n "$(find "$target/tmp" -name 'libtorch*' -print -quit)" ]]; then
  echo "libtorch was extracted to /tmp instead of loaded from the image" >&2
  exit 1
fi
INNER
}

echo "== $image: ${entrypoint[*]} --help (as $user, read-only root)"
help="$(run_in_image --help 2>&1)" || fail "--help failed: $help"
grep -q 'Usage: pixelpolish' <<<"$help" || fail "--help printed no usage: $help"
for command in smoke train bench; do
  grep -q "$command" <<<"$help" || fail "--help lists no '$command' command"
done

# Every native library DJL loads must resolve inside the image. The one exception is the NVIDIA
# driver's libcuda.so.1, which the container toolkit mounts on GPU nodes only.
image_env() { sed -n "s/^$1=//p" "$scratch/env"; }
libtorch="$(image_env PYTORCH_LIBRARY_PATH)"
flavor="$(image_env PYTORCH_FLAVOR)"
jni="$(image_env ENGINE_CACHE_DIR)/pytorch/$(image_env PYTORCH_VERSION)-$flavor-linux-x86_64"
[[ -n "$libtorch" && -d "$rootfs$libtorch" ]] || fail "PYTORCH_LIBRARY_PATH '$libtorch' is no folder of the image"
[[ -n "$(find "$rootfs$jni" -name '*-libdjl_torch.so' 2>/dev/null)" ]] || fail "no DJL JNI library in $jni"
echo "== $image: native libraries in $libtorch and $jni"
unresolved="$(for lib in "$rootfs$libtorch"/*.so* "$rootfs$jni"/*.so*; do
  chroot "$rootfs" env LD_LIBRARY_PATH="$libtorch" ldd "${lib#"$rootfs"}" | sed -n "s|^\s*\(\S*\) => not found|${lib#"$rootfs"}: \1|p"
done | grep -v ': libcuda.so.1$' || true)"
[[ -z "$unresolved" ]] || fail "unresolved native libraries:"$'\n'"$unresolved"

if [[ "$flavor" == cu* ]]; then
  # libtorch for CUDA needs the driver to load at all, so smoke runs only on a GPU node.
  echo "PASS $image (no smoke: libtorch $flavor needs the NVIDIA driver)"
  exit 0
fi
echo "== $image: ${entrypoint[*]} smoke (as $user, read-only root)"
smoke="$(run_in_image smoke --config base --overrides local_dev 2>&1)" || fail "smoke failed: $smoke"
grep -q 'SMOKE TEST OK' <<<"$smoke" || fail "smoke did not end with SMOKE TEST OK: $smoke"
grep -m1 '^engine ' <<<"$smoke"
echo "PASS $image"
