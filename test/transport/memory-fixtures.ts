/**
 * Schemas and a set-up shared by the MemoryTransport tests and the transport contract.
 * @module
 */
import type { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { interactionsSchema } from '../support/schemas.js';

export { interactionsSchema };

export const usersSchema = {
  type: 'record',
  name: 'Users',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'MEMBERSHIP', type: 'string', categorical: true },
  ],
  version: '1.0',
};

export const itemsSchema = {
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRES', type: ['null', 'string'], categorical: true },
    { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
  ],
  version: '1.0',
};

export const actionsSchema = {
  type: 'record',
  name: 'Actions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ACTION_ID', type: 'string' },
    { name: 'VALUE', type: ['null', 'float'] },
  ],
  version: '1.0',
};

export const actionInteractionsSchema = {
  type: 'record',
  name: 'ActionInteractions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ACTION_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'EVENT_TYPE', type: 'string' },
  ],
  version: '1.0',
};

/** The ARNs and tracking ids of a Custom dataset group with every dataset and an event tracker. */
export interface Shop {
  datasetGroupArn: string;
  interactionsArn: string;
  usersArn: string;
  itemsArn: string;
  actionsArn: string;
  actionInteractionsArn: string;
  trackingId: string;
  actionTrackingId: string;
}

/** Sets up a Custom dataset group `name` with all five datasets and an event tracker. */
export function setUpShop(transport: MemoryTransport, name = 'shop'): Shop {
  const datasetGroupArn = transport.createDatasetGroup({ name });
  const make = (datasetType: Parameters<MemoryTransport['createDataset']>[0]['datasetType'], schema: object) =>
    transport.createDataset({ datasetGroupArn, datasetType, schema });
  const actionInteractions = make('Action_Interactions', actionInteractionsSchema);
  return {
    datasetGroupArn,
    interactionsArn: make('Interactions', interactionsSchema).datasetArn,
    usersArn: make('Users', usersSchema).datasetArn,
    itemsArn: make('Items', itemsSchema).datasetArn,
    actionsArn: make('Actions', actionsSchema).datasetArn,
    actionInteractionsArn: actionInteractions.datasetArn,
    trackingId: transport.createEventTracker({ datasetGroupArn }).trackingId,
    actionTrackingId: actionInteractions.trackingId ?? '',
  };
}

/** An interactions CSV of `rows` rows (epoch-second timestamps). */
export function interactionsCsv(rows: number, firstUser = 0): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  for (let row = 0; row < rows; row += 1) {
    lines.push(`u${firstUser + (row % 50)},i${row % 200},${1_700_000_000 + row},View,`);
  }
  return `${lines.join('\n')}\n`;
}
