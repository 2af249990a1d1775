#!/usr/bin/env node
/**
 * `npm start`: the Probot server with trackguard loaded. Honours Probot's environment (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, GHE_HOST, GHE_PROTOCOL, LOG_LEVEL,
 * REDIS_URL, …) and serves webhooks at /api/github/webhooks.
 */
import { run } from 'probot';
import app from './index.js';
import { createLogger, environmentSecrets } from './log.js';

if (process.env.NODE_ENV === 'production' && !process.env.WEBHOOK_SECRET) {
  process.stderr.write(
    'trackguard: refusing to start in production without WEBHOOK_SECRET: unsigned webhook deliveries could trigger reviews and comments.\n',
  );
  process.exit(1);
}

const log = createLogger({ level: process.env.LOG_LEVEL, secrets: environmentSecrets(process.env) });
const server = await run(app, { log });

// Let reviews in flight finish (their check runs must not stay in progress), then stop.
process.once('SIGTERM', () => {
  void (async () => {
    await app.idle();
    await server.stop();
    process.exit(0);
  })();
});
