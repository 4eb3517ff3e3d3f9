/**
 * The Personalize API model's member rules that the fake's control-plane calls share: ARNs, names, role ARNs, tags
 * and page sizes, each answered as the service answers a request that breaks them (`InvalidInputException` with the
 * service's "1 validation error detected" wording, `TooManyTagsException` past the tag count).
 * @module
 */
import { InvalidInputError, NotFoundError } from '../../errors.js';
import {
  ARN_PATTERN,
  JOB_NAME_PATTERN,
  MAX_ARN_LENGTH,
  MAX_JOB_TAGS,
  MAX_LIST_PAGE_SIZE,
  MAX_RESOURCE_NAME_LENGTH,
  MAX_ROLE_ARN_LENGTH,
  MAX_TAG_KEY_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  RESERVED_TAG_KEY_PREFIX,
  ROLE_ARN_PATTERN,
  TAG_PATTERN,
} from '../../limits.js';

/** The service's wording of a broken member rule. */
export function modelViolation(member: string, constraint: string, value?: unknown): InvalidInputError {
  const shown = value === undefined ? '' : ` '${String(value).slice(0, 80)}'`;
  return new InvalidInputError(
    `1 validation error detected: Value${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
    { serviceErrorName: 'InvalidInputException' },
  );
}

/** A Personalize ARN member (shape `Arn`): at most 256 characters of `ARN_PATTERN`. */
export function checkArn(member: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw modelViolation(member, 'Member must not be null');
  if (value.length > MAX_ARN_LENGTH) {
    throw modelViolation(member, `Member must have length less than or equal to ${MAX_ARN_LENGTH}`, value);
  }
  if (!ARN_PATTERN.test(value)) {
    throw modelViolation(member, `Member must satisfy regular expression pattern: ${ARN_PATTERN.source}`, value);
  }
}

/** An optional ARN member: absent, or as `checkArn`. */
export function checkOptionalArn(member: string, value: unknown): void {
  if (value !== undefined) checkArn(member, value);
}

/** A resource name (shape `Name`): 1..63 characters of `JOB_NAME_PATTERN`. */
export function checkName(member: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw modelViolation(member, 'Member must not be null');
  if (value.length < 1 || value.length > MAX_RESOURCE_NAME_LENGTH) {
    throw modelViolation(member, `Member must have length between 1 and ${MAX_RESOURCE_NAME_LENGTH}`, value);
  }
  if (!JOB_NAME_PATTERN.test(value)) {
    throw modelViolation(member, `Member must satisfy regular expression pattern: ${JOB_NAME_PATTERN.source}`, value);
  }
}

/** An optional role ARN (shape `RoleArn`): absent, or at most 256 characters of `ROLE_ARN_PATTERN`. */
export function checkRoleArn(member: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > MAX_ROLE_ARN_LENGTH) {
    throw modelViolation(member, `Member must have length less than or equal to ${MAX_ROLE_ARN_LENGTH}`, value);
  }
  if (!ROLE_ARN_PATTERN.test(value)) {
    throw modelViolation(member, `Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN.source}`, value);
  }
}

/**
 * The tags of a resource: at most 50 (`TooManyTagsException`), keys 1..128 and values 0..256 characters of
 * `TAG_PATTERN`, no key starting with `aws:` (`InvalidInputException`).
 */
export function checkTags(tags: Readonly<Record<string, string>> | undefined): void {
  if (tags === undefined) return;
  const entries = Object.entries(tags);
  if (entries.length > MAX_JOB_TAGS) {
    throw new InvalidInputError(`A resource may have at most ${MAX_JOB_TAGS} tags, got ${entries.length}.`, {
      serviceErrorName: 'TooManyTagsException',
    });
  }
  entries.forEach(([key, value], i) => {
    const at = `tags.${i + 1}.member`;
    if (key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) {
      throw modelViolation(`${at}.tagKey`, `Member must have length between 1 and ${MAX_TAG_KEY_LENGTH}`, key);
    }
    if (typeof value !== 'string' || value.length > MAX_TAG_VALUE_LENGTH) {
      throw modelViolation(`${at}.tagValue`, `Member must have length between 0 and ${MAX_TAG_VALUE_LENGTH}`, value);
    }
    for (const [member, text] of [
      ['tagKey', key],
      ['tagValue', value],
    ] as const) {
      if (!TAG_PATTERN.test(text)) {
        throw modelViolation(
          `${at}.${member}`,
          `Member must satisfy regular expression pattern: ${TAG_PATTERN.source}`,
        );
      }
    }
    if (key.toLowerCase().startsWith(RESERVED_TAG_KEY_PREFIX)) {
      throw modelViolation(`${at}.tagKey`, `Member must not start with the reserved prefix ${RESERVED_TAG_KEY_PREFIX}`);
    }
  });
}

/** A page size (shape `MaxResults`): absent, or an integer in 1..100. */
export function checkMaxResults(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIST_PAGE_SIZE) {
    throw modelViolation('maxResults', `Member must have value between 1 and ${MAX_LIST_PAGE_SIZE}`, value);
  }
}

/**
 * Runs `body`, answering its `NotFoundError` as `InvalidInputException`: for the List calls, which declare no
 * `ResourceNotFoundException` (ListDatasets, ListDatasetImportJobs, ListEventTrackers in the Personalize API model).
 */
export function notFoundAsInvalidInput<R>(body: () => R): R {
  const convert = (error: unknown): never => {
    if (!(error instanceof NotFoundError)) throw error;
    throw new InvalidInputError(error.message, { serviceErrorName: 'InvalidInputException', cause: error });
  };
  try {
    const result = body();
    // An asynchronous body (the import jobs' list settles due jobs first) rejects instead of throwing.
    if (result instanceof Promise) return result.catch(convert) as R;
    return result;
  } catch (error) {
    return convert(error);
  }
}
