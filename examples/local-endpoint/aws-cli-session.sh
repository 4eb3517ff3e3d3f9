#!/bin/sh
# The whole import flow with the AWS CLI against `personalize-import serve` (docs/local-endpoint.md):
#   sh aws-cli-session.sh http://127.0.0.1:4599 interactions.csv
set -eu
url=$1 csv=$2
here=$(dirname "$0")
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
E="--endpoint-url $url"
arn=arn:aws:personalize:us-east-1:123456789012

# The dataset group, its schema and dataset, an event tracker.
aws $E personalize create-dataset-group --name movies --domain VIDEO_ON_DEMAND
aws $E personalize create-schema --name movies-interactions --domain VIDEO_ON_DEMAND \
  --schema "file://$here/interactions-schema.json"
aws $E personalize create-dataset --name movies-interactions --dataset-type Interactions \
  --dataset-group-arn $arn:dataset-group/movies --schema-arn $arn:schema/movies-interactions
tracking_id=$(aws $E personalize create-event-tracker --name movies-web \
  --dataset-group-arn $arn:dataset-group/movies --query trackingId --output text)

# The CSV into S3, on the same URL: over 8 MB, `aws s3 cp` uploads it in parts (a multipart upload).
aws $E s3 mb s3://movies-data
aws $E s3 cp --no-progress "$csv" s3://movies-data/interactions.csv

# The import job (--role-arn is optional), waited for.
aws $E personalize create-dataset-import-job --job-name movies-1 --import-mode FULL \
  --dataset-arn $arn:dataset/movies/INTERACTIONS --data-source dataLocation=s3://movies-data/interactions.csv
while :; do
  status=$(aws $E personalize describe-dataset-import-job \
    --dataset-import-job-arn $arn:dataset-import-job/movies-1 --query datasetImportJob.status --output text)
  case $status in "CREATE PENDING" | "CREATE IN_PROGRESS") sleep 1 ;; *) break ;; esac
done
echo "import job: $status"
[ "$status" = ACTIVE ]

# Live events through the tracker, then what the fake holds.
aws $E personalize-events put-events --tracking-id "$tracking_id" --session-id s1 \
  --event-list '[{"eventType":"watch","sentAt":1735689600,"itemId":"item1","eventId":"e1"}]'
aws $E personalize list-dataset-import-jobs --dataset-arn $arn:dataset/movies/INTERACTIONS \
  --query 'datasetImportJobs[].[jobName,status]' --output text
curl -s "$url/_fake/state" | jq -c '.datasets[] | {datasetArn, bulkRowCount}'
