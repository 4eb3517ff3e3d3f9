/**
 * The direct Events path's signer (the SDK's signer with the body's hash given and `SigningSha256`'s memo) signs
 * exactly what the SDK's signer (`@smithy/signature-v4`) used plainly signs for the same request: every header, the
 * signed-header list, the scope and the signature, across session tokens, paths under a custom endpoint, bodies
 * beyond ASCII, the turn of a day and a change of credentials (the memo must not outlive a rotated secret).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { EventsSigner, type SigningCredentials } from '../../src/transport/aws/events-http/events-signer.js';
import { NodeSha256 } from './node-sha256.js';

const BASE: SigningCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

interface Case {
  host: string;
  path: string;
  body: string;
  date: Date;
}

async function sdkHeaders(credentials: SigningCredentials, region: string, c: Case): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region, service: 'personalize', sha256: NodeSha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'https:',
      hostname: c.host.split(':')[0] ?? c.host,
      path: c.path,
      query: {},
      headers: {
        host: c.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(c.body)),
      },
      body: c.body,
    },
    { signingDate: c.date },
  );
  return signed.headers as Record<string, string>;
}

function leanSigner(credentials: () => SigningCredentials, region = 'eu-west-1'): EventsSigner {
  return new EventsSigner({ region, service: 'personalize', credentials: () => Promise.resolve(credentials()) });
}

const lean = (signer: EventsSigner, c: Case) =>
  signer.sign({ host: c.host, path: c.path, contentType: 'application/json', body: c.body }, c.date);

const CASE: Case = {
  host: 'personalize-events.eu-west-1.amazonaws.com',
  path: '/events',
  body: '{"trackingId":"t","sessionId":"s","eventList":[{"eventId":"e","eventType":"View","sentAt":1767225600}]}',
  date: new Date('2026-01-01T10:20:30.456Z'),
};

describe('EventsSigner signs what the SDK signer signs', () => {
  const tokens: Array<[string, string | undefined]> = [
    ['no session token', undefined],
    ['an empty session token', ''],
    ['a session token', 'FwoGZXIvYXdzEXAMPLE//token+with/slashes=='],
    ['a session token with blanks to fold', '  a  b\tc '],
  ];
  for (const [name, sessionToken] of tokens) {
    it(`with ${name}`, async () => {
      const credentials = sessionToken === undefined ? BASE : { ...BASE, sessionToken };
      expect(
        await lean(
          leanSigner(() => credentials),
          CASE,
        ),
      ).toEqual(await sdkHeaders(credentials, 'eu-west-1', CASE));
    });
  }

  const variants: Array<[string, Partial<Case>]> = [
    ['a path under a custom endpoint', { host: '127.0.0.1:4567', path: '/base/v1/events' }],
    ['a path with characters to escape', { path: "/a b/ü/(x)*!'/action-interactions" }],
    ['a path with dot segments and a trailing slash', { path: '/x/./y/../events/' }],
    ['a body beyond ASCII', { body: '{"properties":"{\\"name\\":\\"Zoë ☕ 𝄞\\"}"}' }],
    ['an empty body', { body: '' }],
    ['the last millisecond of a day', { date: new Date('2026-03-31T23:59:59.999Z') }],
  ];
  for (const [name, change] of variants) {
    it(`for ${name}`, async () => {
      const c = { ...CASE, ...change };
      const credentials = { ...BASE, sessionToken: 'tok' };
      expect(
        await lean(
          leanSigner(() => credentials, 'us-east-1'),
          c,
        ),
      ).toEqual(await sdkHeaders(credentials, 'us-east-1', c));
    });
  }

  it('derives a new signing key for a new day and for new credentials', async () => {
    let credentials: SigningCredentials = BASE;
    const signer = leanSigner(() => credentials);
    const days = [CASE.date, new Date('2026-01-02T00:00:00.000Z'), new Date('2026-01-02T08:00:00.000Z')];
    for (const date of days) {
      const c = { ...CASE, date };
      expect(await lean(signer, c)).toEqual(await sdkHeaders(credentials, 'eu-west-1', c));
    }
    credentials = { accessKeyId: 'AKIDROTATED', secretAccessKey: 'rotated-secret', sessionToken: 'new' };
    expect(await lean(signer, CASE)).toEqual(await sdkHeaders(credentials, 'eu-west-1', CASE));
    // Same key id, new secret (a rotated secret under the same id must not reuse the old key).
    credentials = { accessKeyId: 'AKIDROTATED', secretAccessKey: 'rotated-again' };
    expect(await lean(signer, CASE)).toEqual(await sdkHeaders(credentials, 'eu-west-1', CASE));
  });

  it('dates each request with its own second, one signer signing many', async () => {
    const signer = leanSigner(() => BASE);
    const dates = ['2026-01-01T10:20:30.100Z', '2026-01-01T10:20:30.999Z', '2026-01-01T10:20:31.000Z'];
    for (const date of [...dates, '2026-01-01T10:20:30.500Z', '1969-12-31T23:59:59.500Z']) {
      const c = { ...CASE, date: new Date(date) };
      expect(await lean(signer, c)).toEqual(await sdkHeaders(BASE, 'eu-west-1', c));
    }
  });

  it('refuses credentials without a key id or secret, as the SDK signer does', async () => {
    const signer = new EventsSigner({
      region: 'eu-west-1',
      service: 'personalize',
      credentials: () => Promise.resolve({ accessKeyId: 'AKID' } as SigningCredentials),
    });
    await expect(lean(signer, CASE)).rejects.toThrow('Resolved credential object is not valid');
  });
});
