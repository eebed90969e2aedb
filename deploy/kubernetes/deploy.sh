#!/usr/bin/env bash
# One command per environment: deploy/kubernetes/deploy.sh <staging|production> <image tag>
# Renders the overlay with the release's images, runs the migration Job to completion
# (new pods never start on an old schema; a failed migration stops here with the running
# pods untouched), then applies everything else and waits for every rollout
# (maxUnavailable 0: old pods serve until new ones are ready). Needs kubectl (its built-in
# Kustomize) and kustomize for `edit set image`, with a context on the target cluster.
set -euo pipefail
env="${1:?usage: deploy.sh <staging|production> <image tag>}"
tag="${2:?usage: deploy.sh <staging|production> <image tag>}"
registry="${HATAGO_REGISTRY:-ghcr.io/hatago}"
namespace="hatago-$env"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$here" "$work/kubernetes"
(
  cd "$work/kubernetes/overlays/$env"
  for app in guest facility operator mailer migrate; do kustomize edit set image "hatago/$app=$registry/hatago-$app:$tag"; done
)
kubectl kustomize "$work/kubernetes/overlays/$env" > "$work/release.yaml"

echo "migrating $namespace to $tag…"
kubectl -n "$namespace" delete job migrate --ignore-not-found --wait
kubectl apply -f "$work/release.yaml" -l app.kubernetes.io/name=migrate
if ! kubectl -n "$namespace" wait --for=condition=complete job/migrate --timeout=15m; then
  kubectl -n "$namespace" logs job/migrate --tail=50 || true
  echo "migration failed: nothing else was changed" >&2
  exit 1
fi

echo "rolling out $tag…"
kubectl apply -f "$work/release.yaml" -l 'app.kubernetes.io/name!=migrate'
for deployment in guest facility operator mailer varnish; do
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=10m
done
echo "deployed $tag to $namespace"
