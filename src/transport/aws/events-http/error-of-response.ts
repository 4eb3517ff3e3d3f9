/**
 * A restJson1 error answer as the shape `classifyAwsError` reads from the SDK's exceptions (`name`, `message`,
 * `$fault`, `$metadata.httpStatusCode`, `$response.headers`), so that both paths classify an answer the same way.
 * The error's name comes from where the SDK's restJson1 protocol takes it: the `x-amzn-errortype` header, else the
 * body's `code` or `__type`, with any `namespace#` prefix and `:suffix` removed.
 * @module
 */

/** What an error answer of the Events API is turned into before it is classified. */
export interface ServiceErrorShape {
  name: string;
  message: string;
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode: number };
  $response: { statusCode: number; headers: Record<string, string> };
}

function sanitizeName(raw: string): string {
  const withoutSuffix = raw.split(':')[0] ?? raw;
  const hash = withoutSuffix.lastIndexOf('#');
  return (hash >= 0 ? withoutSuffix.slice(hash + 1) : withoutSuffix).trim();
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringField(body: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** The error an answer with status `statusCode` (not 2xx), `headers` and body `text` stands for. */
export function errorOfResponse(statusCode: number, headers: Record<string, string>, text: string): ServiceErrorShape {
  const body = parseBody(text);
  const rawName = headers['x-amzn-errortype'] ?? stringField(body, 'code', '__type');
  // The SDK names an error answer that names no error `Unknown`; so does this path, for the same classification.
  const name = (rawName === undefined ? '' : sanitizeName(rawName)) || 'Unknown';
  const message = stringField(body, 'message', 'Message', 'errorMessage') ?? `${name} (HTTP ${statusCode})`;
  return {
    name,
    message,
    $fault: statusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: statusCode },
    $response: { statusCode, headers },
  };
}
