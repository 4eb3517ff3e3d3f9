/**
 * The ARNs the fake makes, shaped like the service's, so that code parsing them (a dataset group out of a dataset
 * ARN) meets realistic input.
 * @module
 */
import type { DatasetType } from '../transport.js';

/** Builds ARNs for one account and region. */
export class ArnFactory {
  readonly #prefix: string;

  constructor(region: string, accountId: string) {
    this.#prefix = `arn:aws:personalize:${region}:${accountId}`;
  }

  /** `arn:aws:personalize:<region>:<account>:dataset-group/<name>` */
  datasetGroup(name: string): string {
    return `${this.#prefix}:dataset-group/${name}`;
  }

  /** `arn:aws:personalize:<region>:<account>:dataset/<group>/<TYPE>`, e.g. `…:dataset/shop/ITEMS`. */
  dataset(groupName: string, type: DatasetType): string {
    return `${this.#prefix}:dataset/${groupName}/${type.toUpperCase()}`;
  }

  /** `arn:aws:personalize:<region>:<account>:schema/<name>` */
  schema(name: string): string {
    return `${this.#prefix}:schema/${name}`;
  }

  /** `arn:aws:personalize:<region>:<account>:dataset-import-job/<name>` */
  importJob(name: string): string {
    return `${this.#prefix}:dataset-import-job/${name}`;
  }

  /** `arn:aws:personalize:<region>:<account>:event-tracker/<hex>` */
  eventTracker(serial: number): string {
    return `${this.#prefix}:event-tracker/${serial.toString(16).padStart(8, '0')}`;
  }
}

/** A tracking id shaped like the service's (a UUID), deterministic so that tests can predict it. */
export function trackingIdFor(serial: number): string {
  return `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`;
}
