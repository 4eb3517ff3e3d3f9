#!/bin/sh
# This library's CLI against `personalize-import serve` (docs/local-endpoint.md):
#   sh cli-session.sh interactions.csv events.jsonl users.jsonl
set -eu
csv=$1 events=$2 users=$3

# The default set-up (a dataset group `local` with Interactions, Users, Items, an event tracker), a bucket, and
# import jobs of half a second; its first line of JSON has the URL, the ARNs and the tracking id.
personalize-import serve --bucket my-bucket --job-ms 500 > serve.out &
serve=$!
trap 'kill -INT $serve; wait $serve' EXIT
until [ -s serve.out ]; do sleep 0.1; done
url=$(head -n 1 serve.out | jq -r .url)
started() { head -n 1 serve.out | jq -r "$1"; }

personalize-import --endpoint "$url" import --mode FULL --dataset-arn "$(started .datasets.Interactions)" \
  --file "$csv" --bucket my-bucket --role-arn arn:aws:iam::123456789012:role/PersonalizeS3Read
personalize-import --endpoint "$url" put events --file "$events" --tracking-id "$(started .trackingId)"
personalize-import --endpoint "$url" put users --file "$users" --dataset-arn "$(started .datasets.Users)"
curl -s "$url/_fake/state" | jq -c '[.datasets[] | {datasetType, bulkRowCount, records: (.records | length)}]'
