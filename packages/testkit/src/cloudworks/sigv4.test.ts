import { describe, expect, it } from 'vitest';
import { signS3Request } from './sigv4.js';

// The examples of Amazon's "Signature Calculations for the Authorization Header" page (S3 API reference): same
// key pair, date and requests, the signatures it publishes. The S3-compatible server of the storage tests does not
// check SigV4 signatures (only the access key id), so these vectors are what shows the signing is right.
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const date = new Date('2013-05-24T00:00:00Z');

describe('signS3Request', () => {
  it.each([
    [
      'GET Bucket (list objects)',
      '/?max-keys=2&prefix=J',
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    ],
    [
      'GET Bucket lifecycle',
      '/?lifecycle',
      'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    ],
  ])('gives the signature Amazon publishes for %s', (_name, path, signature) => {
    const headers = signS3Request(
      'GET',
      new URL(`https://examplebucket.s3.amazonaws.com${path}`),
      credentials,
      undefined,
      date,
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        `SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${signature}`,
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers['x-amz-content-sha256']).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('signs another secret differently', () => {
    const url = new URL('https://examplebucket.s3.amazonaws.com/?lifecycle');
    const other = signS3Request('GET', url, { ...credentials, secretAccessKey: 'another' }, undefined, date);
    expect(other.authorization).not.toContain(
      'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
  });
});
