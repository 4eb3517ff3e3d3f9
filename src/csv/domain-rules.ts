/**
 * The rules of domain dataset groups: required schema fields per domain and dataset
 * (https://docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-datasets-and-schemas.html,
 * https://docs.aws.amazon.com/personalize/latest/dg/VIDEO-ON-DEMAND-datasets-and-schemas.html), and the events each use
 * case trains on (https://docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-use-cases.html,
 * https://docs.aws.amazon.com/personalize/latest/dg/VIDEO_ON_DEMAND-use-cases.html).
 * @module
 */
import type { DatasetType, Domain } from '../transport/transport.js';
import type { AvroFieldType, DatasetSchema } from './avro-schema.js';
import type { IssueCollector } from './report.js';

interface RequiredField {
  name: string;
  /** The type it must have, when the domain's schema page names one. */
  type?: AvroFieldType;
  categorical?: boolean;
}

const INTERACTIONS: RequiredField[] = [
  { name: 'USER_ID', type: 'string' },
  { name: 'ITEM_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
  { name: 'EVENT_TYPE', type: 'string' },
];

/** Required fields per domain and dataset type. Users also need one metadata field, checked apart. */
export const DOMAIN_REQUIRED_FIELDS: Record<Domain, Partial<Record<DatasetType, RequiredField[]>>> = {
  ECOMMERCE: {
    Interactions: INTERACTIONS,
    Users: [{ name: 'USER_ID' }],
    Items: [{ name: 'ITEM_ID' }, { name: 'PRICE', type: 'float' }, { name: 'CATEGORY_L1', categorical: true }],
  },
  VIDEO_ON_DEMAND: {
    Interactions: INTERACTIONS,
    Users: [{ name: 'USER_ID' }],
    Items: [{ name: 'ITEM_ID' }, { name: 'CREATION_TIMESTAMP', type: 'long' }, { name: 'GENRES', categorical: true }],
  },
};

/** An event type that domain use cases train on (each needs `MIN_EVENTS_PER_USE_CASE` events of it). */
export interface UseCaseEventNeed {
  eventType: string;
  useCases: string[];
}

/** The use cases that need events of one type; those that take any type are covered by the import minimum. */
export const USE_CASE_EVENT_NEEDS: Record<Domain, UseCaseEventNeed[]> = {
  ECOMMERCE: [
    { eventType: 'View', useCases: ['Most viewed', 'Customers who viewed X also viewed'] },
    { eventType: 'Purchase', useCases: ['Best sellers', 'Frequently bought together'] },
  ],
  VIDEO_ON_DEMAND: [{ eventType: 'Watch', useCases: ['Because you watched X', 'Most popular'] }],
};

const DOMAIN_DATASET_TYPES: readonly string[] = ['Interactions', 'Items', 'Users'];

/** Checks the schema against the domain's rules for the dataset type (schema-level issues, line 0). */
export function checkDomainSchema(
  schema: DatasetSchema,
  domain: Domain,
  datasetType: DatasetType,
  issues: IssueCollector,
): void {
  if (!DOMAIN_DATASET_TYPES.includes(datasetType)) {
    issues.add('DATASET_TYPE_NOT_IN_DOMAIN', 0, undefined, () => {
      return `A ${domain} dataset group cannot hold a ${datasetType} dataset (only Interactions, Items and Users)`;
    });
    return;
  }
  for (const required of DOMAIN_REQUIRED_FIELDS[domain][datasetType] ?? []) {
    const field = schema.fields.find((candidate) => candidate.name === required.name);
    const wrongType = required.type !== undefined && field !== undefined && field.type !== required.type;
    const notCategorical = required.categorical === true && field !== undefined && !field.categorical;
    if (field !== undefined && !wrongType && !notCategorical) continue;
    issues.add('DOMAIN_FIELD_MISSING', 0, required.name, () => {
      const what = `${required.type ?? 'string'}${required.categorical ? ', "categorical": true' : ''}`;
      const found =
        field === undefined ? 'it has none' : `it is a ${field.type}${field.categorical ? ' (categorical)' : ''}`;
      return `A ${domain} ${datasetType} schema needs the field ${required.name} (${what}); ${found}`;
    });
  }
  if (datasetType === 'Users' && !schema.fields.some((field) => field.name !== 'USER_ID')) {
    issues.add('DOMAIN_FIELD_MISSING', 0, undefined, () => {
      return `A ${domain} Users schema needs at least one metadata field besides USER_ID`;
    });
  }
}
