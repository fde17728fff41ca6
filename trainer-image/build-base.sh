#!/usr/bin/env bash
# Makes the local stand-in for the Dockerfiles' default base (a public Debian/Ubuntu JRE 17 image),
# for machines that reach package repositories but no container registry: a minimal Debian bookworm
# with OpenJDK 17's headless JRE, bootstrapped from Debian packages and imported as
# localhost/pixelpolish/base:bookworm-jre17, plus a docker-archive of it for Jib's tar:// base.
# Idempotent: skipped while the cached image was made by this very script (about 3 minutes otherwise).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/containers.sh"
require_tools debootstrap podman

mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
recipe="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
stamp="$IMAGE_CACHE/base.recipe"
if [[ -f "$BASE_ARCHIVE" && "$(cat "$stamp" 2>/dev/null)" == "$recipe" ]] && podman image exists "$BASE_IMAGE"; then
  echo "base image $BASE_IMAGE is cached ($IMAGE_CACHE)"
  exit 0
fi

work="$(mktemp -d "$IMAGE_CACHE/base.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
echo "bootstrapping Debian bookworm with OpenJDK 17 into $rootfs"
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
# An image has no package caches, documentation or locales it will never use; the runtime supplies
# /dev, /proc and /sys.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*
tar -C "$rootfs" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$work/rootfs.tar" .

java_home="$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java")")")"
java_home="${java_home#"$rootfs"}"
podman import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV JAVA_HOME=$java_home" \
  --change "ENV LANG=C.UTF-8" \
  --change 'CMD ["/bin/bash"]' \
  "$work/rootfs.tar" "$BASE_IMAGE" >/dev/null
rm -f "$BASE_ARCHIVE"
podman save --quiet --format docker-archive -o "$BASE_ARCHIVE" "$BASE_IMAGE"
echo "$recipe" >"$stamp"
podman image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$BASE_IMAGE"
