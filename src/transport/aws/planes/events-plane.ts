/**
 * The Events API through the SDK client: loaded on first use (`AwsTransport` imports this module lazily), so that
 * importing the package loads no AWS SDK code.
 * @module
 */
import {
  PersonalizeEventsClient,
  PutActionInteractionsCommand,
  PutActionsCommand,
  PutEventsCommand,
  PutItemsCommand,
  PutUsersCommand,
} from '@aws-sdk/client-personalize-events';
import type {
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
} from '../../transport.js';
import type { SdkClientSettings } from '../aws-transport-options.js';
import { type SdkSendOptions, toSdkKeyed, toSdkPutActionInteractions, toSdkPutEvents } from '../to-sdk.js';

/** The Events client a transport builds. */
export function buildEventsClient(settings: SdkClientSettings): PersonalizeEventsClient {
  return new PersonalizeEventsClient(settings.personalize);
}

type Call<I> = (client: PersonalizeEventsClient, input: I, options: SdkSendOptions) => Promise<void>;

/** PutEvents through the SDK client. */
export const putEvents: Call<PutEventsInput> = async (client, input, options) => {
  await client.send(new PutEventsCommand(toSdkPutEvents(input)), options);
};

/** PutUsers through the SDK client. */
export const putUsers: Call<PutUsersInput> = async (client, input, options) => {
  await client.send(
    new PutUsersCommand({ datasetArn: input.datasetArn, users: toSdkKeyed('userId', input.users) }),
    options,
  );
};

/** PutItems through the SDK client. */
export const putItems: Call<PutItemsInput> = async (client, input, options) => {
  await client.send(
    new PutItemsCommand({ datasetArn: input.datasetArn, items: toSdkKeyed('itemId', input.items) }),
    options,
  );
};

/** PutActions through the SDK client. */
export const putActions: Call<PutActionsInput> = async (client, input, options) => {
  const actions = toSdkKeyed('actionId', input.actions);
  await client.send(new PutActionsCommand({ datasetArn: input.datasetArn, actions }), options);
};

/** PutActionInteractions through the SDK client. */
export const putActionInteractions: Call<PutActionInteractionsInput> = async (client, input, options) => {
  await client.send(new PutActionInteractionsCommand(toSdkPutActionInteractions(input)), options);
};
