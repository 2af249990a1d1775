import { describe, expect, it } from 'vitest';
import { createLogger, environmentSecrets } from '../src/log.js';

describe('logs', () => {
  it('redact tokens, authorization headers, keys and secrets', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'trace', secrets: ['s3cr3t-webhook-value'], destination: { write: (line: string) => lines.push(line) } });
    log.info({ token: 'ghs_abcdefghijklmnop', request: { headers: { authorization: 'token ghs_abcdefghijklmnop' } }, privateKey: '-----BEGIN' }, 'calling GitHub');
    log.warn('the webhook secret is s3cr3t-webhook-value, do not print it');
    const text = lines.join('');
    expect(text).not.toContain('ghs_abcdefghijklmnop');
    expect(text).not.toContain('s3cr3t-webhook-value');
    expect(text).not.toContain('-----BEGIN');
    expect(text).toContain('[redacted]');
    expect(text).toContain('calling GitHub');
  });

  it('knows which environment values are secret', () => {
    const secrets = environmentSecrets({ WEBHOOK_SECRET: 'whsec-1234567890', PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1x2x3x4x5x6\n-----END RSA PRIVATE KEY-----\n' });
    expect(secrets).toEqual(['whsec-1234567890', '', 'MIIEowIBAAKCAQEAx1x2x3x4x5x6']);
  });
});
