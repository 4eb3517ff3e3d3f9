/**
 * The read-only view of the fake's Personalize resources (`MemoryTransport.resources()`), which the local
 * endpoint's Describe and List calls and its `/_fake/state` page answer from.
 * @module
 */
import type { MemoryParts } from './memory-parts.js';
import type { MemoryEventTracker, MemoryResources } from './memory-types.js';

/** Every resource of the fake, in creation order, as the service's Describe calls report them. */
export function resourcesOf(parts: MemoryParts): MemoryResources {
  const { state, config } = parts;
  const at = (ms: number) => new Date(ms);
  const datasetGroups = [...state.groups.values()].map(({ arn, name, domain, createdAt }) => ({
    datasetGroupArn: arn,
    name,
    status: 'ACTIVE',
    ...(domain !== undefined && { domain }),
    createdAt: at(createdAt),
  }));
  const schemas = [...state.schemas.values()].map(({ arn, name, schema, domain, createdAt }) => ({
    schemaArn: arn,
    name,
    schema,
    ...(domain !== undefined && { domain }),
    createdAt: at(createdAt),
  }));
  const datasets = [...state.datasets.values()].map((d) => ({
    datasetArn: d.arn,
    name: d.name,
    datasetGroupArn: d.groupArn,
    datasetType: d.type,
    schemaArn: d.schemaArn,
    status: 'ACTIVE',
    ...(d.trackingId !== undefined && { trackingId: d.trackingId }),
    createdAt: at(d.createdAt),
  }));
  const eventTrackers: MemoryEventTracker[] = [];
  for (const t of state.trackers.values()) {
    if (t.arn === undefined) continue;
    eventTrackers.push({
      eventTrackerArn: t.arn,
      name: t.name ?? t.trackingId,
      trackingId: t.trackingId,
      datasetGroupArn: t.groupArn,
      accountId: config.accountId,
      status: 'ACTIVE',
      createdAt: at(t.createdAt),
    });
  }
  return { datasetGroups, schemas, datasets, eventTrackers };
}
