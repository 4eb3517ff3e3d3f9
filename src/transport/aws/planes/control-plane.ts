/**
 * The Personalize control plane through the SDK client, loaded on first use (`AwsTransport` imports this module
 * lazily). Each call maps the SDK's output to the library's types.
 * @module
 */
import {
  CreateDatasetImportJobCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSchemaCommand,
  ListDatasetImportJobsCommand,
  ListDatasetsCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import type {
  CreateImportJobInput,
  Dataset,
  DatasetGroup,
  DatasetSummary,
  ImportJob,
  ImportJobSummary,
  ListDatasetsInput,
  ListImportJobsInput,
  Page,
  Schema,
} from '../../transport.js';
import type { SdkClientSettings } from '../aws-transport-options.js';
import * as from from '../from-sdk.js';
import { opt, type SdkSendOptions, toSdkCreateImportJob } from '../to-sdk.js';

/** The control-plane client a transport builds. */
export function buildControlClient(settings: SdkClientSettings): PersonalizeClient {
  return new PersonalizeClient(settings.personalize);
}

type Call<I, O> = (client: PersonalizeClient, input: I, options: SdkSendOptions) => Promise<O>;

/** CreateDatasetImportJob: the new job's ARN. */
export const createDatasetImportJob: Call<CreateImportJobInput, { jobArn: string }> = async (client, input, o) => {
  const out = await client.send(new CreateDatasetImportJobCommand(toSdkCreateImportJob(input)), o);
  return { jobArn: from.need(out.datasetImportJobArn, 'datasetImportJobArn') };
};

/** DescribeDatasetImportJob. */
export const describeDatasetImportJob: Call<string, ImportJob> = async (client, jobArn, o) => {
  const out = await client.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: jobArn }), o);
  return from.fromSdkJob(out.datasetImportJob);
};

/** ListDatasetImportJobs, one page. */
export const listDatasetImportJobs: Call<ListImportJobsInput, Page<ImportJobSummary>> = async (client, input, o) => {
  const command = new ListDatasetImportJobsCommand({
    ...opt('datasetArn', input.datasetArn),
    ...opt('nextToken', input.nextToken),
    ...opt('maxResults', input.maxResults),
  });
  const out = await client.send(command, o);
  return { items: (out.datasetImportJobs ?? []).map(from.fromSdkJobSummary), ...opt('nextToken', out.nextToken) };
};

/** ListDatasets, one page. */
export const listDatasets: Call<ListDatasetsInput, Page<DatasetSummary>> = async (client, input, o) => {
  const command = new ListDatasetsCommand({
    datasetGroupArn: input.datasetGroupArn,
    ...opt('nextToken', input.nextToken),
  });
  const out = await client.send(command, o);
  return { items: (out.datasets ?? []).map(from.fromSdkDatasetSummary), ...opt('nextToken', out.nextToken) };
};

/** DescribeDataset. */
export const describeDataset: Call<string, Dataset> = async (client, datasetArn, o) => {
  const out = await client.send(new DescribeDatasetCommand({ datasetArn }), o);
  return from.fromSdkDataset(out.dataset);
};

/** DescribeSchema. */
export const describeSchema: Call<string, Schema> = async (client, schemaArn, o) => {
  const out = await client.send(new DescribeSchemaCommand({ schemaArn }), o);
  return from.fromSdkSchema(out.schema);
};

/** DescribeDatasetGroup. */
export const describeDatasetGroup: Call<string, DatasetGroup> = async (client, datasetGroupArn, o) => {
  const out = await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn }), o);
  return from.fromSdkDatasetGroup(out.datasetGroup);
};
