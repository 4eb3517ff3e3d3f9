import { describe, expect, it } from 'vitest';
import { checkJobName, deriveJobName } from '../../src/bulk/job-name.js';
import { JOB_NAME_PATTERN, MAX_JOB_NAME_LENGTH } from '../../src/limits.js';

const datasetArn = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS';
const base = { datasetArn, importMode: 'FULL' as const, contentId: 'sha256:abc' };

describe('deriveJobName', () => {
  it('is readable, valid and deterministic', () => {
    const name = deriveJobName(base);
    expect(name).toMatch(/^shop-INTERACTIONS-full-[0-9a-f]{24}$/);
    expect(deriveJobName({ ...base })).toBe(name);
  });

  it('changes with the content, the mode and the dataset', () => {
    const name = deriveJobName(base);
    expect(deriveJobName({ ...base, contentId: 'sha256:abd' })).not.toBe(name);
    expect(deriveJobName({ ...base, importMode: 'INCREMENTAL' })).toMatch(/-incr-[0-9a-f]{24}$/);
    expect(deriveJobName({ ...base, datasetArn: `${datasetArn}2` })).not.toBe(name);
  });

  it('stays within 63 characters and the pattern for any dataset name', () => {
    const odd = [
      `arn:aws:personalize:us-east-1:123456789012:dataset/${'x'.repeat(200)}/ITEMS`,
      'arn:aws:personalize:us-east-1:123456789012:dataset/__weird..name__/USERS',
      'arn:aws:personalize:us-east-1:123456789012:dataset/-/_',
      'arn:aws-cn:personalize:cn-north-1:123456789012:x',
    ];
    for (const arn of odd) {
      const name = deriveJobName({ ...base, datasetArn: arn });
      expect(name.length).toBeLessThanOrEqual(MAX_JOB_NAME_LENGTH);
      expect(name).toMatch(JOB_NAME_PATTERN);
    }
  });
});

describe('checkJobName', () => {
  it('accepts valid names and refuses others with the rule', () => {
    expect(() => checkJobName('a'.repeat(63))).not.toThrow();
    expect(() => checkJobName('a'.repeat(64))).toThrow(
      /Expected `jobName` to be a job name .*\(a string of 1..63 characters\), got `"a{64}"`/,
    );
    expect(() => checkJobName('-lead')).toThrow(/starting with a letter or digit/);
    expect(() => checkJobName('has space')).toThrow(/got `"has space"`/);
    expect(() => checkJobName('')).toThrow(/jobName/);
  });
});
