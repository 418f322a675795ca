// Tests: ./sigv4.test.ts, test/cloudworks/storage-runs.test.ts

import { createHash, createHmac } from 'node:crypto';

/** What {@link signS3Request} signs with. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** @default 'us-east-1' */
  region?: string;
}

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` leaves `!'()*` alone). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The headers of an AWS Signature Version 4 request to S3 (`host`, `x-amz-date`, `x-amz-content-sha256`,
 * `authorization`), for a request with the given body (empty for `GET`). Just enough of SigV4 for the simulator to
 * read and list a bucket as CloudWorks does: a single-chunk signed payload, no session token, no presigning.
 */
export function signS3Request(
  method: string,
  url: URL,
  credentials: S3Credentials,
  body: Buffer = Buffer.alloc(0),
  now: Date = new Date(),
): Record<string, string> {
  const region = credentials.region ?? 'us-east-1';
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = hex(body);
  const canonicalPath = url.pathname
    .split('/')
    .map((part) => encode(decodeURIComponent(part)))
    .join('/');
  const query = [...url.searchParams.entries()]
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([left, leftValue], [right, rightValue]) =>
      left === right ? (leftValue < rightValue ? -1 : 1) : left < right ? -1 : 1,
    )
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    method,
    canonicalPath || '/',
    query,
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonicalRequest)].join('\n');
  const key = ['s3', 'aws4_request'].reduce<Buffer>(
    (current, part) => hmac(current, part),
    hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region),
  );
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...headers,
    authorization:
      `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
