#!/usr/bin/env bash
# Builds the Kubernetes control plane that the operator's real-API-server tests (*IT) start: etcd,
# kube-apiserver, kubectl (kube-api-test checks readiness with it) and kube-controller-manager, at
# the versions pinned by go.mod and go.sum beside this script. No release binary is downloaded:
# the Go tool fetches the modules and compiles them (Go build cache: ~/.cache/go-build).
#
# Output: ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-<os>-<arch>/, the layout that
# io.fabric8:kube-api-test reads in offline mode. Idempotent: when that folder holds binaries built
# from this go.mod and go.sum with the same Go version, it returns at once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v go >/dev/null || { echo "build.sh needs Go 1.24 or newer on the PATH" >&2; exit 1; }

version="$(go list -m -f '{{.Version}}' k8s.io/kubernetes)"
target="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${version#v}-$(go env GOOS)-$(go env GOARCH)"
stamp="$target/.built-from"
inputs="$(cat go.mod go.sum | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$inputs" ]]; then
  echo "kube control plane $version: up to date in $target"
  exit 0
fi

echo "kube control plane $version: building into $target (the first build takes a while)"
start=$SECONDS
mkdir -p "$target"
rm -f "$stamp"
# The version the binaries report, as Kubernetes' own release build stamps it.
major_minor="${version#v}"
major_minor="${major_minor%.*}"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$version"
ldflags+=" -X k8s.io/component-base/version.gitMajor=${major_minor%%.*} -X k8s.io/component-base/version.gitMinor=${major_minor#*.}"
# Static binaries, as Kubernetes releases them; the tools are the ones listed in go.mod.
CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$target/" tool
# Go names a binary after its package path, which for etcd is go.etcd.io/etcd/server/v3.
mv "$target/server" "$target/etcd"
echo "$inputs" > "$stamp"
echo "kube control plane $version: built in $((SECONDS - start)) s"
