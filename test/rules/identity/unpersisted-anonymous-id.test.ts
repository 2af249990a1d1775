import rule from '../../../rules/identity/unpersisted-anonymous-id.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const lines = (...l: string[]) => l.join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'read from a config store first, generated and stored once',
      files: {
        'src/telemetry.ts': lines(
          "import Conf from 'conf';",
          "import { randomUUID } from 'node:crypto';",
          "import { Analytics } from '@segment/analytics-node';",
          "const store = new Conf({ projectName: 'cli' });",
          "const analytics = new Analytics({ writeKey: 'w' });",
          "const anonymousId: string = store.get('anonymousId') ?? randomUUID();",
          "store.set('anonymousId', anonymousId);",
          "export const track = (event: string) => analytics.track({ anonymousId, event });",
        ),
      },
    },
    {
      name: 'generated only when the stored config has none, then saved',
      files: {
        'src/telemetry.ts': lines(
          "import { v4 as uuid } from 'uuid';",
          "import { PostHog } from 'posthog-node';",
          "import { readConfig, saveConfig } from './config';",
          "const client = new PostHog('k');",
          'class Telemetry {',
          '  private id: string;',
          '  constructor() {',
          '    const config = readConfig();',
          '    let id = config.anonymousId;',
          '    if (!id) {',
          '      id = uuid();',
          '      saveConfig({ ...config, anonymousId: id });',
          '    }',
          '    this.id = id;',
          '  }',
          "  send(event: string) { client.capture({ distinctId: this.id, event }); }",
          '}',
          'export const telemetry = new Telemetry();',
        ),
        'src/config.ts': 'export declare function readConfig(): { anonymousId?: string };\nexport declare function saveConfig(c: object): void;\n',
      },
    },
    {
      name: 'a stored id, or a temporary one when the settings hold none',
      files: {
        'src/analytics.ts': lines(
          "import { v4 as uuidv4 } from 'uuid';",
          "import { Analytics } from '@segment/analytics-node';",
          "import { getSettings } from './settings';",
          "const analytics = new Analytics({ writeKey: 'w' });",
          'let anonymousUserId: string;',
          'export async function configure() {',
          '  const settings = await getSettings();',
          '  anonymousUserId = settings.anonymousUserId || uuidv4();',
          '}',
          "export const track = (event: string) => analytics.track({ anonymousId: anonymousUserId, event });",
        ),
        'src/settings.ts': 'export declare function getSettings(): Promise<{ anonymousUserId?: string }>;\n',
      },
    },
    {
      name: 'kept in localStorage in the browser',
      files: {
        'src/anon.ts': lines(
          "import { Analytics } from '@segment/analytics-node';",
          "const analytics = new Analytics({ writeKey: 'w' });",
          'let anonymousId = crypto.randomUUID();',
          "localStorage.anonymousId = anonymousId;",
          "export const track = (event: string) => analytics.track({ anonymousId, event });",
        ),
      },
    },
    {
      name: 'an id per event for an anonymous server event',
      files: {
        'src/orders.ts': lines(
          "import { v4 as uuidv4 } from 'uuid';",
          "import { Analytics } from '@segment/analytics-node';",
          "const analytics = new Analytics({ writeKey: 'w' });",
          "export const orderPlaced = (orderId: string) => analytics.track({ anonymousId: uuidv4(), event: 'Order Placed', properties: { orderId } });",
          'export function guest(orderId: string) {',
          '  const anonymousId = uuidv4();',
          "  analytics.track({ anonymousId, event: 'Guest Order', properties: { orderId } });",
          '}',
        ),
      },
    },
    {
      name: 'the browser SDK keeps its own anonymous id',
      files: { 'src/page.ts': lines("import posthog from 'posthog-js';", "posthog.capture('viewed', { requestId: crypto.randomUUID() });") },
    },
    {
      name: 'a random id that is not the identity',
      files: {
        'src/t.ts': lines(
          "import { randomUUID } from 'node:crypto';",
          "import { PostHog } from 'posthog-node';",
          "const client = new PostHog('k');",
          'const sessionId = randomUUID();',
          "export const send = (userId: string) => client.capture({ distinctId: userId, event: 'x', properties: { sessionId } });",
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a lazily made id is still one per process',
      files: {
        'src/t.ts': lines(
          "import * as uuid from 'uuid';",
          "import { PostHog } from 'posthog-node';",
          "const client = new PostHog('k');",
          'let anonymousId: string | undefined;',
          'function id() {',
          '  if (!anonymousId) anonymousId = uuid.v4();',
          '  return anonymousId;',
          '}',
          "export const send = (event: string) => client.capture({ distinctId: id(), event });",
        ),
      },
      findings: [{ messageId: 'module', line: 6, message: '`uuid.v4()`' }],
    },
    {
      name: 'a per-instance uuid as the anonymous id (set in an init method)',
      files: {
        'src/TelemetryManager.ts': lines(
          "import { randomUUID } from 'node:crypto';",
          "import { Analytics } from '@segment/analytics-node';",
          'export class TelemetryManager {',
          '  private _anonymousID: string | undefined = undefined;',
          '  private _userID: string | undefined;',
          "  private client = new Analytics({ writeKey: 'w' });",
          '  init() {',
          '    this._anonymousID = randomUUID();',
          '  }',
          '  track(event: string) {',
          '    const payload: { event: string; userId?: string; anonymousId?: string } = { event };',
          '    if (this._userID) payload.userId = this._userID;',
          '    else payload.anonymousId = this._anonymousID;',
          '    this.client.track(payload as never);',
          '  }',
          '}',
        ),
      },
      findings: [{ messageId: 'instance', line: 8, message: '`this._anonymousID` is a new `randomUUID()` for every `TelemetryManager instance`, sent as `anonymousId`' }],
    },
    {
      name: 'a module-level uuid imported where events are sent',
      files: {
        'src/uuid.ts': lines("import { v4 as uuidv4 } from 'uuid';", 'const uuid = uuidv4();', 'export default uuid;'),
        'src/cart.ts': lines(
          "import Analytics from 'analytics-node';",
          "import uuid from './uuid';",
          "const analytics = new Analytics('w');",
          "export const added = (sku: string) => analytics.track({ event: 'Product Added', anonymousId: uuid, properties: { sku } });",
        ),
      },
      findings: [{ messageId: 'module', line: 2, file: 'src/uuid.ts', message: 'sent as `anonymousId`' }],
    },
    {
      name: 'a Math.random distinct id behind a getter',
      files: {
        'src/t.ts': lines(
          "import { PostHog } from 'posthog-node';",
          "const client = new PostHog('k');",
          'const anonymousId = `anon-${Math.random().toString(36).slice(2)}`;',
          'const getDistinctId = () => anonymousId;',
          "export const send = (event: string) => client.capture({ distinctId: getDistinctId(), event });",
        ),
      },
      findings: [{ messageId: 'module', line: 3, message: '`Math.random()`' }],
    },
    {
      name: 'a field initialised with nanoid, sent by hand',
      files: {
        'src/client.ts': lines(
          "import { nanoid } from 'nanoid';",
          'export class Telemetry {',
          '  private deviceId = nanoid();',
          '  send(event: string) {',
          "    return fetch('https://t.example.com/capture', { method: 'POST', body: JSON.stringify({ event, distinct_id: this.deviceId }) });",
          '  }',
          '}',
        ),
      },
      findings: [{ messageId: 'instance', line: 3 }],
    },
  ],
});
