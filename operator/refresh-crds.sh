#!/usr/bin/env bash
# Regenerates crds/ from the api classes, with the build's own CRD generator (Quarkus Operator SDK,
# output in operator/target/kubernetes/). Run it after changing anything in the api package, then
# commit crds/: CrdsTest fails while the checked-in files differ from what the build generates. The
# next build of charts/ copies them into the Helm chart (charts/pixelpolish/files/crds/): commit that too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl operator -am package -DskipTests
for crd in trainingruns ablations; do
  cp "operator/target/kubernetes/${crd}.pixelpolish.io-v1.yml" "crds/${crd}.pixelpolish.io.yaml"
done
echo "crds/ refreshed from operator/target/kubernetes/"
