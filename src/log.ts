import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths that can hold credentials in anything the app or its libraries log: request headers,
 * tokens, the app's private key and the webhook secret. They are replaced before a line is written.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'privateKey',
  '*.privateKey',
  'secret',
  '*.secret',
  'webhookSecret',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'request.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-hub-signature"]',
  'headers["x-hub-signature-256"]',
];

/** Whole values that must never appear, wherever they sit in a message (belt and braces). */
function scrubber(secrets: readonly string[]) {
  const present = secrets.filter((s) => s && s.length >= 8);
  return (line: string): string => present.reduce((text, secret) => text.split(secret).join('[redacted]'), line);
}

export interface LoggerOptions {
  level?: string;
  /** Values to scrub from every line: the webhook secret, the private key's lines. */
  secrets?: readonly string[];
  destination?: DestinationStream;
}

/** The structured (JSON) logger of the server, with credentials redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const target = options.destination ?? pino.destination(1);
  const stream: DestinationStream = { write: (line: string) => target.write(scrub(line)) };
  return pino({ level: options.level ?? 'info', name: 'trackguard', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
}

/** The secrets of the environment that must never be logged. */
export function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
  const key = env.PRIVATE_KEY ?? '';
  return [env.WEBHOOK_SECRET ?? '', env.GITHUB_TOKEN ?? '', ...key.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'))];
}
