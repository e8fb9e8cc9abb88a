import { describe, expect, it } from 'vitest';
import { endpointOfPath, endpointPath } from '../../../main/core/receiver/endpoint-path.js';

describe('endpoint of a path', () => {
  it('names the endpoint after /hooks/<name>/ and sends everything else to default', () => {
    expect(endpointOfPath('/hooks/acme/callback')).toBe('acme');
    expect(endpointOfPath('/hooks/acme')).toBe('acme');
    expect(endpointOfPath('/')).toBe('default');
    expect(endpointOfPath('/callback/end')).toBe('default');
    expect(endpointOfPath('/hooks/')).toBe('default');
    expect(endpointOfPath('/hooks/../x')).toBe('default');
    expect(endpointOfPath('/hooksacme/x')).toBe('default');
  });

  it('gives the path a vendor should be told for each endpoint', () => {
    expect(endpointPath('default')).toBe('/');
    expect(endpointOfPath(endpointPath('acme'))).toBe('acme');
  });
});
