import { describe, expect, it } from 'vitest';
import { cutLongValues, oneLine, redact, safeLine } from '../../src/cli/safe-text.js';
import { cutValue } from '../../src/util/cut-value.js';
import { textLength } from '../../src/util/text-length.js';

describe('redact', () => {
  it('hides the userinfo of any URL and keeps its host and port', () => {
    expect(redact('Expected `endpoint` to be a URL, got `http://user:hunter2@localhost:99999`')).toBe(
      'Expected `endpoint` to be a URL, got `http://[redacted]@localhost:99999`',
    );
    expect(redact('see https://me:p%40ss@example.com/x and ftp://u:pw@h')).toBe(
      'see https://[redacted]@example.com/x and ftp://[redacted]@h',
    );
    // A password holding an `@` is cut at the last one before the host.
    expect(redact('http://u:p@ss@host:1/')).toBe('http://[redacted]@host:1/');
    // No scheme (an unparsable URL as typed): `user:password@` is hidden too.
    expect(redact('got `user:hunter2@localhost`')).toBe('got `[redacted]@localhost`');
    expect(redact('got `//user:hunter2@localhost:99999`')).toBe('got `//[redacted]@localhost:99999`');
  });

  it('hides query parameters that carry credentials, and keeps the others', () => {
    const url =
      'https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAABCDEFGHIJKLMNOP%2F20260101%2Fus-east-1' +
      '&X-Amz-Security-Token=IQoJb3JpZ2luX2Vj&X-Amz-Signature=0123abcd&X-Amz-Expires=900';
    const text = redact(`upload to ${url} failed`);
    expect(text).toBe(
      'upload to https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]' +
        '&X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Expires=900 failed',
    );
    expect(redact('GET /?access_token=abc&page=2')).toBe('GET /?access_token=[redacted]&page=2');
  });

  it('hides access key ids, labelled secrets, an authorization header and the credentials of the environment', () => {
    expect(redact('key AKIAABCDEFGHIJKLMNOP and secretAccessKey=abc/def')).toBe(
      'key [redacted] and secretAccessKey=[redacted]',
    );
    expect(redact('Authorization: AWS4-HMAC-SHA256 Credential=AKIAABCDEFGHIJKLMNOP/x, Signature=f00d')).not.toMatch(
      /AKIA|f00d/,
    );
    const env = {
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEBYaD',
      AWS_ACCESS_KEY_ID: 'x',
    };
    expect(redact('oops wJalrXUtnFEMI/K7MDENG and FwoGZXIvYXdzEBYaD and x', env)).toBe(
      'oops [redacted] and [redacted] and x',
    );
  });
});

describe('cutLongValues', () => {
  it('cuts a value longer than 200 characters and says how much was left out', () => {
    const id = 'u'.repeat(10_000);
    const text = cutLongValues(`userId ${id} is too long`);
    expect(text).toBe(`userId ${'u'.repeat(199)}… (9,801 more characters) is too long`);
    expect(cutLongValues(text)).toBe(text); // cutting again changes nothing
  });

  it('bounds the whole line', () => {
    const text = cutLongValues(Array.from({ length: 2000 }, () => 'word').join(' '));
    expect(text.length).toBe(2000);
    expect(text).toMatch(/… \(\d[\d,]* more characters\)$/);
    expect(cutLongValues(text)).toBe(text);
  });

  it('leaves short text alone', () => {
    expect(cutLongValues('a short message')).toBe('a short message');
  });

  it("counts characters as the library does and leaves a value the library's messages cut alone", () => {
    const emoji = '\u{1F600}';
    // 200 emoji are 200 characters (400 UTF-16 units): not cut; 300 are cut after 199, never inside a pair.
    expect(cutLongValues(emoji.repeat(200))).toBe(emoji.repeat(200));
    expect(cutLongValues(emoji.repeat(300))).toBe(`${emoji.repeat(199)}… (101 more characters)`);
    const cutByLibrary = cutValue('v'.repeat(5000));
    expect(cutLongValues(`value ${cutByLibrary} refused`)).toBe(`value ${cutByLibrary} refused`);
  });

  it('bounds a line of emoji by characters too, never splitting a pair', () => {
    const text = cutLongValues(Array.from({ length: 1000 }, () => '\u{1F600}\u{1F600}').join(' '));
    expect(textLength(text)).toBe(2000);
    expect(text).toMatch(/\u{1F600}… \(\d[\d,]* more characters\)$/u);
  });
});

describe('oneLine', () => {
  it('folds a multi-line message to one line and neutralises control characters', () => {
    expect(oneLine('Invalid input:\n  - userId\r\n  - itemId\n')).toBe('Invalid input: - userId - itemId');
    expect(oneLine('a\u001b[2Jb\u0007c')).toBe('a\\u001b[2Jb\\u0007c');
  });
});

describe('safeLine', () => {
  it('folds, cuts and redacts', () => {
    const line = safeLine(`bad\nendpoint http://a:secretpw@h:1 ${'x'.repeat(500)}`);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('secretpw');
    expect(line).toContain('http://[redacted]@h:1');
    expect(line).toContain('… (301 more characters)');
  });
});
