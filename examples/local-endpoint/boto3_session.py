"""The whole import flow from boto3 against `personalize-import serve` (docs/local-endpoint.md):
    python3 boto3_session.py http://127.0.0.1:4599 interactions.csv
"""
import json
import os
import sys
import time
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig

url, csv = sys.argv[1], sys.argv[2]
config = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
personalize = boto3.client("personalize", **config)
events = boto3.client("personalize-events", **config)
s3 = boto3.client("s3", **config)

# The dataset group, its schema and dataset, an event tracker.
group = personalize.create_dataset_group(name="shop", domain="ECOMMERCE")["datasetGroupArn"]
with open(os.path.join(os.path.dirname(__file__), "interactions-schema.json")) as f:
    schema = personalize.create_schema(name="shop-interactions", domain="ECOMMERCE", schema=f.read())["schemaArn"]
dataset = personalize.create_dataset(
    name="shop-interactions", datasetGroupArn=group, schemaArn=schema, datasetType="Interactions"
)["datasetArn"]
tracker = personalize.create_event_tracker(name="shop-web", datasetGroupArn=group)

# The CSV into S3, on the same URL, in parts of 5 MiB (a multipart upload).
s3.create_bucket(Bucket="shop-data")
parts = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
s3.upload_file(csv, "shop-data", "interactions.csv", Config=parts)

# The import job, waited for.
job = personalize.create_dataset_import_job(
    jobName="shop-1", datasetArn=dataset, importMode="FULL",
    dataSource={"dataLocation": "s3://shop-data/interactions.csv"},
)["datasetImportJobArn"]
while True:
    status = personalize.describe_dataset_import_job(datasetImportJobArn=job)["datasetImportJob"]["status"]
    if status not in ("CREATE PENDING", "CREATE IN_PROGRESS"):
        break
    time.sleep(1)
assert status == "ACTIVE", status

# Live events through the tracker, then what the fake holds.
events.put_events(trackingId=tracker["trackingId"], sessionId="s1",
                  eventList=[{"eventId": "e1", "eventType": "purchase", "sentAt": 1735689600, "itemId": "item1"}])
jobs = personalize.get_paginator("list_dataset_import_jobs").paginate(datasetArn=dataset).build_full_result()
with urllib.request.urlopen(url + "/_fake/state") as response:
    state = json.load(response)
print(json.dumps({
    "status": status,
    "trackingId": tracker["trackingId"],
    "etag": s3.head_object(Bucket="shop-data", Key="interactions.csv")["ETag"],
    "jobs": [j["jobName"] for j in jobs["datasetImportJobs"]],
    "bulkRowCount": next(d["bulkRowCount"] for d in state["datasets"] if d["datasetArn"] == dataset),
}))
