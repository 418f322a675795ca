import { describe, expect, it } from 'vitest';
import { resolveBaseUrls } from './client.js';
import { isConfigurationError, regions } from './index.js';

describe('regions', () => {
  it('maps the shared regions to the global hosts', () => {
    for (const code of ['us1', 'us2', 'us5', 'us7', 'eu1', 'eu2', 'eu4', 'ap1'] as const) {
      expect(regions[code]).toEqual({
        api: 'https://api.anaplan.com/2/0',
        auth: 'https://auth.anaplan.com',
        scim: 'https://api.anaplan.com/scim/1/0/v2',
        oauth: 'https://us1a.app.anaplan.com',
      });
    }
  });

  it('maps regional hosts, including the odd ones', () => {
    expect(regions.eu3).toEqual({
      api: 'https://eu3.api.anaplan.com/2/0',
      auth: 'https://eu3.auth.anaplan.com',
      scim: 'https://eu3.api.anaplan.com/scim/1/0/v2',
      oauth: 'https://eu3.app.anaplan.com',
    });
    expect(regions.au1.api).toBe('https://au1a.api2.anaplan.com/2/0');
    expect(regions.au1.auth).toBe('https://au1a.app2.anaplan.com');
    expect(regions.ca1.scim).toBe('https://ca1a.api.anaplan.com/scim/1/0/v2');
    expect(Object.keys(regions)).toEqual(
      expect.arrayContaining(['gb1', 'sg1', 'ae1', 'in1', 'id1', 'me1', 'us9', 'eu5']),
    );
  });
});

describe('resolveBaseUrls', () => {
  it('defaults to us1 and lets explicit URLs win, without trailing slashes', () => {
    expect(resolveBaseUrls()).toEqual(regions.us1);
    const resolved = resolveBaseUrls('eu3', { api: 'http://127.0.0.1:8080/2/0/' });
    expect(resolved.api).toBe('http://127.0.0.1:8080/2/0');
    expect(resolved.auth).toBe('https://eu3.auth.anaplan.com');
  });

  it.each(['http://localhost:1/x', 'http://127.8.9.10/', 'http://[::1]:99/', 'http://sim.localhost/'])(
    'allows http:// to the loopback host %s',
    (url) => {
      expect(resolveBaseUrls('us1', { scim: url }).scim).toBe(url.replace(/\/$/, ''));
    },
  );

  it.each([
    'http://api.anaplan.com/2/0',
    'http://10.0.0.1/',
    'http://128.0.0.1/',
    'http://localhost.evil.com/',
  ])('refuses http:// to %s', (url) => {
    let caught: unknown;
    try {
      resolveBaseUrls('us1', { api: url });
    } catch (error) {
      caught = error;
    }
    expect(isConfigurationError(caught) && caught.key).toBe('baseUrls.api');
  });

  it('refuses unknown regions, relative URLs and URLs with credentials', () => {
    expect(() => resolveBaseUrls('xx9' as 'us1')).toThrow(/Unknown region "xx9"/);
    expect(() => resolveBaseUrls('us1', { auth: '/token' })).toThrow(/baseUrls.auth is not a valid/);
    expect(() => resolveBaseUrls('us1', { auth: 'https://user:pw@auth.example.com' })).toThrow(/credentials/);
    expect(() => resolveBaseUrls('us1', { auth: 'ftp://auth.example.com' })).toThrow(/https/);
  });
});
