// hubAuthFor is the one place settings + secret become credentials (the monitor and the connection test share it).
import { describe, expect, it } from 'vitest';
import { hubAuthFor } from '../../../src/shared/hub-auth';

describe('hubAuthFor', () => {
  it('a token is sent as the bearer token, whatever the username field holds', () => {
    expect(hubAuthFor({ auth: 'token', username: 'ignored' }, 'tok')).toEqual({
      method: 'token',
      token: 'tok',
    });
  });

  it('an API key pairs the username field (the key id) with the secret', () => {
    expect(hubAuthFor({ auth: 'api-key', username: 'key-1' }, 's3cret')).toEqual({
      method: 'api-key',
      keyId: 'key-1',
      secret: 's3cret',
    });
  });

  it('a password pairs the username with the password', () => {
    expect(hubAuthFor({ auth: 'password', username: 'alice' }, 'pw')).toEqual({
      method: 'password',
      username: 'alice',
      password: 'pw',
    });
  });
});
