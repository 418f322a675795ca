import { describe, expect, it } from 'vitest';
import { clientOptionKeys, createClientTransport } from './client.js';
import { type ClientOptions, isConfigurationError, staticToken } from './index.js';

const auth = staticToken('client-options-token');

function refusal(build: () => unknown): { key: string; message: string } {
  try {
    build();
  } catch (error) {
    if (isConfigurationError(error)) return { key: error.key, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('createClientTransport', () => {
  it('maps baseUrl onto the client service, authUrl and oauthUrl onto theirs, the region filling in the rest', () => {
    const transport = createClientTransport('TestClient', 'scim', {
      auth,
      region: 'eu3',
      baseUrl: 'http://127.0.0.1:8080/scim/v2/',
      authUrl: 'http://127.0.0.1:8081',
    });
    expect(transport.baseUrls).toEqual({
      scim: 'http://127.0.0.1:8080/scim/v2',
      auth: 'http://127.0.0.1:8081',
      api: 'https://eu3.api.anaplan.com/2/0',
      oauth: 'https://eu3.app.anaplan.com',
    });
    const api = createClientTransport('TestClient', 'api', { auth, baseUrl: 'https://proxy.example/2/0' });
    expect(api.baseUrls.api).toBe('https://proxy.example/2/0');
    expect(api.baseUrls.scim).toBe('https://api.anaplan.com/scim/1/0/v2');
  });

  it.each([
    ['baseUrl', { baseUrl: 'http://api.example.com/2/0' }, /^baseUrl uses http:\/\/ to api\.example\.com/],
    ['authUrl', { authUrl: 'not a url' }, /^authUrl is not a valid absolute URL$/],
    ['oauthUrl', { oauthUrl: 'https://user:pw@oauth.example' }, /^oauthUrl must not contain credentials$/],
    ['baseUrl', { baseUrl: 42 }, /^baseUrl must be a URL string$/],
  ])('names the client option %s, never the transport baseUrls, in a URL error', (key, bad, message) => {
    const error = refusal(() =>
      createClientTransport('TestClient', 'api', { auth, ...bad } as unknown as ClientOptions),
    );
    expect(error.key).toBe(key);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('baseUrls');
  });

  it('refuses an unknown key, listing the shared keys and the client own ones', () => {
    const error = refusal(() =>
      createClientTransport('TestClient', 'api', { auth, timeout: 5 } as unknown as ClientOptions, [
        'anaplan',
      ]),
    );
    expect(error).toEqual({
      key: 'timeout',
      message: `Unknown TestClient option "timeout". Valid options: ${[...clientOptionKeys, 'anaplan'].join(', ')}`,
    });
  });

  it('keeps the client own keys from the transport, which would refuse them', () => {
    const options = { auth, anaplan: false } as ClientOptions;
    expect(() => createClientTransport('TestClient', 'scim', options, ['anaplan'])).not.toThrow();
  });

  it('passes the other options to the transport under their own names', () => {
    expect(refusal(() => createClientTransport('TestClient', 'api', { auth, timeoutMs: 0 })).key).toBe(
      'timeoutMs',
    );
    expect(refusal(() => createClientTransport('TestClient', 'api', { auth, retry: -1 })).key).toBe('retry');
    const options = { auth, region: 'mars1' } as unknown as ClientOptions;
    expect(refusal(() => createClientTransport('TestClient', 'api', options)).key).toBe('region');
  });

  it('needs an options object', () => {
    expect(
      refusal(() => createClientTransport('TestClient', 'api', undefined as unknown as ClientOptions)),
    ).toEqual({
      key: 'options',
      message: 'TestClient needs an options object with at least "auth"',
    });
  });
});
