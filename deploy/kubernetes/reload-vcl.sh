#!/usr/bin/env bash
# deploy/kubernetes/reload-vcl.sh <staging|production>: an edge-rules change on its own, no
# app deploy. Applies the varnish-vcl ConfigMap, waits until every Varnish pod sees the new
# file (the kubelet refreshes ConfigMap volumes within about a minute), then loads and
# switches to it in place: the cache survives, and a VCL that fails to compile is refused by
# varnishd with the old one still serving.
set -euo pipefail
env="${1:?usage: reload-vcl.sh <staging|production>}"
namespace="hatago-$env"
here="$(cd "$(dirname "$0")" && pwd)"
vcl="$here/base/varnish/edge.vcl"
want="$(sha256sum "$vcl" | cut -d' ' -f1)"
kubectl -n "$namespace" create configmap varnish-vcl --from-file=edge.vcl="$vcl" --dry-run=client -o yaml | kubectl apply -f -
name="edge_$(date +%s)"
for pod in $(kubectl -n "$namespace" get pods -l app.kubernetes.io/name=varnish -o name); do
  for _ in $(seq 1 60); do
    have="$(kubectl -n "$namespace" exec "$pod" -- sha256sum /etc/varnish/edge.vcl | cut -d' ' -f1)"
    [ "$have" = "$want" ] && break
    sleep 5
  done
  [ "$have" = "$want" ] || { echo "$pod never saw the new VCL" >&2; exit 1; }
  kubectl -n "$namespace" exec "$pod" -- varnishadm -n /tmp/varnish vcl.load "$name" /etc/varnish/edge.vcl
  kubectl -n "$namespace" exec "$pod" -- varnishadm -n /tmp/varnish vcl.use "$name"
  echo "$pod: now on $name"
done
