#!/usr/bin/env bash
# Builds the Flex Template: the image (Cloud Build, from deploy/dataflow/Dockerfile) and the
# template spec file on Cloud Storage.
#   PROJECT=my-project REGION=europe-west1 BUCKET=my-bucket deploy/dataflow/build-template.sh
# Needs gcloud, authenticated, and an Artifact Registry repository (REPOSITORY, default tagpipe).
set -euo pipefail
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}" "${BUCKET:?set BUCKET}"
REPOSITORY="${REPOSITORY:-tagpipe}"
TAG="${TAG:-$(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo latest)}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
command -v gcloud >/dev/null || { echo "build-template.sh: gcloud is not installed (https://cloud.google.com/sdk)" >&2; exit 2; }

IMAGE="$REGION-docker.pkg.dev/$PROJECT/$REPOSITORY/tagpipe-flex:$TAG"
SPEC="gs://$BUCKET/templates/tagpipe-$TAG.json"

(cd "$ROOT" && mvn -B -q -DskipTests package)
# Cloud Build builds the Dockerfile with the repository root as context.
CONTEXT="$(mktemp -d)"; trap 'rm -rf "$CONTEXT"' EXIT
mkdir -p "$CONTEXT/target"
cp "$ROOT/target/tagpipe-bundled.jar" "$CONTEXT/target/"
cp "$ROOT/deploy/dataflow/Dockerfile" "$CONTEXT/Dockerfile"
gcloud builds submit "$CONTEXT" --project="$PROJECT" --region="$REGION" --tag="$IMAGE"

gcloud dataflow flex-template build "$SPEC" \
  --project="$PROJECT" \
  --image="$IMAGE" \
  --sdk-language=JAVA \
  --metadata-file="$ROOT/deploy/dataflow/metadata.json"
echo "Template spec: $SPEC"
