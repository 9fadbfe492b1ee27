#!/usr/bin/env bash
# Runs the Flex Template built by build-template.sh.
#   PROJECT=my-project REGION=europe-west1 SPEC=gs://my-bucket/templates/tagpipe-abc123.json \
#   deploy/dataflow/run-template.sh input=gs://my-bucket/corpus/*.txt output=gs://my-bucket/tagged/corpus [name=value ...]
# Parameters are those of metadata.json. Worker sizing: see deploy/dataflow/README.md.
set -euo pipefail
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}" "${SPEC:?set SPEC to the template spec gs:// path}"
command -v gcloud >/dev/null || { echo "run-template.sh: gcloud is not installed (https://cloud.google.com/sdk)" >&2; exit 2; }
[[ $# -gt 0 ]] || { sed -n '2,5p' "$0"; exit 2; }
PARAMS="waitUntilFinish=false"
for p in "$@"; do PARAMS="$PARAMS,$p"; done
gcloud dataflow flex-template run "tagpipe-$(date +%Y%m%d-%H%M%S)" \
  --project="$PROJECT" --region="$REGION" \
  --template-file-gcs-location="$SPEC" \
  --worker-machine-type="${MACHINE_TYPE:-n2-standard-2}" \
  --max-workers="${MAX_WORKERS:-10}" \
  --parameters="^,^$PARAMS"
