/**
 * The Interactions schema the tests share (the transport, bulk and CSV suites): the four required fields and a
 * nullable EVENT_VALUE, which a CSV may leave out.
 * @module
 */

/** An Interactions schema as a Custom dataset group would hold it. */
export const interactionsSchema = {
  type: 'record',
  name: 'Interactions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
  ],
  version: '1.0',
};
