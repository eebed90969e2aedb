#!/usr/bin/env bash
# deploy/kubernetes/rollback.sh <staging|production>: every app back to its previous
# ReplicaSet (the release before), one rolling update each, waited for. The schema stays:
# migrations are additive (expand, then contract a release later), so the previous code
# runs on it. See docs/operations.md, "Roll back".
set -euo pipefail
env="${1:?usage: rollback.sh <staging|production>}"
namespace="hatago-$env"
for deployment in guest facility operator mailer; do
  kubectl -n "$namespace" rollout undo "deployment/$deployment"
done
for deployment in guest facility operator mailer; do
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=10m
done
echo "rolled back $namespace"
