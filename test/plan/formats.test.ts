import { describe, expect, it } from 'vitest';
import { MemorySnapshot, type Snapshot } from '../../src/engine/snapshot.js';
import { DirectorySnapshot } from '../../src/local/directory.js';
import { loadPlan, type LoadedPlan } from '../../src/plan/load.js';
import { allProperties, type PlanEvent } from '../../src/plan/model.js';
import { validatePayload } from '../../src/plan/payload.js';
import { resolvePlanSources, type PlanLocation } from '../../src/plan/sources.js';

const limits = { maxFileBytes: 1_000_000, maxAliasCount: 100 };

async function load(snapshot: Snapshot, configured?: PlanLocation[]): Promise<LoadedPlan & { formats: string[] }> {
  const files = await snapshot.list();
  const sources = await resolvePlanSources(snapshot, files, configured);
  const loaded = await loadPlan(snapshot, sources, limits);
  return { ...loaded, formats: sources.map((s) => s.format) };
}

const fixture = (name: string) => new DirectorySnapshot(`fixtures/plan-formats/${name}`);
const props = (event: PlanEvent | undefined) => [...allProperties(event?.properties ?? [])].map((p) => `${p.path}${p.required ? '!' : ''}:${p.types.join('|') || 'any'}`);

describe('Segment plan.json', () => {
  it('reads the public-API shape: newest version of each track rule, nested objects, required lists', async () => {
    const { plan, problems, formats } = await load(fixture('segment-public'));
    expect(formats).toEqual(['segment']);
    expect(problems).toEqual([]);
    expect(plan?.events.map((e) => `${e.name}@${e.version}`)).toEqual(['Order Completed@2', 'Products Searched@1']);
    const order = plan?.byName.get('Order Completed');
    expect(order?.description).toBe('A shopper paid for an order.');
    expect(props(order)).toEqual([
      'order_id!:string',
      'revenue!:number',
      'currency!:string',
      'shipping:object',
      'shipping.country!:string',
      'shipping.postal_code:string',
      'products:array',
      'products[].sku!:string',
      'products[].quantity!:integer',
    ]);
    expect(order?.properties[0]?.location).toMatchObject({ file: 'plan.json', line: 20, column: 15 });
    expect(order?.location).toMatchObject({ file: 'plan.json', line: 7 });
    expect(order?.properties[2]?.enum).toEqual(['usd', 'eur', 'gbp']);
  });

  it('reads the config-API shape', async () => {
    const { plan, problems } = await load(fixture('segment-config'));
    expect(problems).toEqual([]);
    expect(plan?.events.map((e) => e.name)).toEqual(['Order Completed', 'Cart Viewed']);
    expect(props(plan?.byName.get('Order Completed'))).toEqual(['order_id!:string', 'revenue:number', 'customer_email:string']);
    expect(plan?.byName.get('Order Completed')?.properties[2]?.location).toMatchObject({ line: 19 });
  });

  it('reads the public-API shape whose event properties sit at the top of jsonSchema', async () => {
    const planJson = JSON.stringify(
      {
        rules: [
          {
            key: 'config_saved',
            type: 'TRACK',
            version: 1,
            jsonSchema: {
              $id: 'config_saved',
              description: 'A config was saved.',
              properties: { action: { type: 'string', description: 'What was done.' }, app_key: { type: 'string' } },
              required: ['action'],
              type: 'object',
            },
          },
        ],
      },
      null,
      2,
    );
    const { plan, problems } = await load(new MemorySnapshot({ 'src/typewriter/plan.json': planJson }));
    expect(problems).toEqual([]);
    expect(props(plan?.byName.get('config_saved'))).toEqual(['action!:string', 'app_key:string']);
    expect(plan?.byName.get('config_saved')?.properties[1]?.location).toMatchObject({ file: 'src/typewriter/plan.json', line: 15 });
  });

  it('reports a file that is not a plan, and a rule without a name, instead of failing', async () => {
    const { problems } = await load(new MemorySnapshot({ 'plan.json': '{ "rules": [ { "type": "TRACK", "jsonSchema": {} } ] }' }));
    expect(problems).toEqual([expect.objectContaining({ message: 'A tracking plan rule has no `key`.' })]);
    const notAPlan = await load(new MemorySnapshot({ 'analytics/plan.json': '{ "rules": 3 }' }), [{ path: 'analytics/plan.json', format: 'segment' }]);
    expect(notAPlan.problems[0]?.message).toContain('not a Segment tracking plan');
    const broken = await load(new MemorySnapshot({ 'plan.json': '{ "rules": [ \n' }));
    expect(broken.problems[0]).toMatchObject({ file: 'plan.json', message: expect.stringContaining('does not parse') });
  });
});

describe('RudderStack rudder-cli YAML', () => {
  it('resolves events, properties and custom types across files, with required flags and variants', async () => {
    const { plan, problems, formats } = await load(fixture('rudderstack'));
    expect(formats).toEqual(['rudderstack']);
    expect(problems).toEqual([]);
    const order = plan?.byName.get('Order Completed');
    expect(order?.allowUnplanned).toBe(false);
    expect(props(order)).toEqual(['order_id!:string', 'revenue!:number', 'currency!:string', 'shipping:object', 'shipping.country!:string', 'shipping.street:string']);
    expect(order?.properties[0]?.location).toMatchObject({ file: 'properties.yaml', line: 8 });
    expect(order?.location).toMatchObject({ file: 'events.yaml', line: 8 });
    expect(order?.properties[2]?.schema).toEqual({ type: 'string', enum: ['usd', 'eur', 'gbp'], description: 'ISO 4217 code, lower case.' });
    const search = plan?.byName.get('Products Searched');
    expect(search?.conditions).toHaveLength(1);
    expect(plan && validatePayload(plan, 'Products Searched', { search_type: 'barcode' })).toEqual([expect.objectContaining({ path: 'barcode', keyword: 'required' })]);
    expect(plan && validatePayload(plan, 'Products Searched', { search_type: 'keyword' })).toEqual([]);
  });

  it('reports dangling references and placeholders at their place', async () => {
    const { problems } = await load(
      new MemorySnapshot({
        'tp/events.yaml': 'version: rudder/v0.1\nkind: events\nmetadata:\n  name: ev\nspec:\n  events:\n    - id: signup\n      name: "${ENV}_signup"\n',
        'tp/plan.yaml':
          'version: rudder/v0.1\nkind: tp\nmetadata:\n  name: p\nspec:\n  rules:\n    - type: event_rule\n      event:\n        $ref: "#/events/ev/signup"\n      properties:\n        - $ref: "#/properties/missing/nope"\n',
      }),
    );
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      'tp/events.yaml:8 Event name `${ENV}_signup` contains a placeholder that cannot be resolved statically.',
    ]);
    const dangling = await load(
      new MemorySnapshot({
        'tp/events.yaml': 'version: rudder/v0.1\nkind: events\nmetadata:\n  name: ev\nspec:\n  events:\n    - id: signup\n      name: Signed Up\n',
        'tp/plan.yaml':
          'version: rudder/v0.1\nkind: tp\nmetadata:\n  name: p\nspec:\n  rules:\n    - type: event_rule\n      event:\n        $ref: "#/events/ev/signup"\n      properties:\n        - $ref: "#/properties/missing/nope"\n',
      }),
    );
    expect(dangling.problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual(['tp/plan.yaml:11 Reference `#/properties/missing/nope` cannot be resolved.']);
  });

  it('without a tracking-plan file, takes every defined event', async () => {
    const { plan } = await load(new MemorySnapshot({ 'rudder/events.yaml': 'version: rudder/v0.1\nkind: events\nmetadata:\n  name: ev\nspec:\n  events:\n    - id: a\n      name: App Opened\n' }));
    expect(plan?.events.map((e) => e.name)).toEqual(['App Opened']);
  });
});

describe('Snowplow / Iglu schemas', () => {
  it('takes the newest version of each schema and keeps every version', async () => {
    const { plan, problems, formats } = await load(fixture('snowplow'));
    expect(formats).toEqual(['snowplow']);
    expect(problems).toEqual([]);
    expect(plan?.events.map((e) => `${e.name}@${e.version}`)).toEqual(['order_completed@1-0-1', 'products_searched@1-0-0']);
    expect(plan?.versions.map((v) => `${v.event}@${v.version}`)).toEqual(['order_completed@1-0-0', 'order_completed@1-0-1', 'products_searched@1-0-0']);
    expect(props(plan?.byName.get('order_completed'))).toEqual(['order_id!:string', 'revenue:number', 'currency:string|null']);
    expect(plan?.byName.get('order_completed')?.properties[2]?.location).toMatchObject({ file: 'schemas/com.acme.shop/order_completed/jsonschema/1-0-1', line: 9 });
  });

  it('reports a self block that disagrees with the path', async () => {
    const { problems } = await load(
      new MemorySnapshot({ 'schemas/com.acme/signup/jsonschema/1-0-0': '{ "self": { "vendor": "com.acme", "name": "signup", "format": "jsonschema", "version": "1-0-1" }, "type": "object", "properties": {} }' }),
    );
    expect(problems[0]?.message).toContain('`self` says com.acme/signup/1-0-1, but the file sits at com.acme/signup/1-0-0');
  });
});

describe('JSON Schema per event', () => {
  it('names events after their files, resolves $refs to a shared definitions file', async () => {
    const { plan, problems, formats } = await load(fixture('jsonschema'));
    expect(formats).toEqual(['jsonschema']);
    expect(problems).toEqual([]);
    expect(plan?.events.map((e) => e.name).sort()).toEqual(['order_completed', 'products_searched']);
    const order = plan?.byName.get('order_completed');
    expect(order).toMatchObject({ owner: 'checkout', trigger: 'After the payment provider confirms the charge.' });
    expect(props(order)).toEqual(['order_id!:string', 'revenue!:number', 'currency:string']);
    expect(order?.properties[0]?.pattern).toBe('^ord_');
    expect(order?.properties[0]?.location).toMatchObject({ file: 'tracking-plan/order_completed.schema.json', line: 9 });
  });

  it('reports a dangling $ref at its place', async () => {
    const { problems } = await load(
      new MemorySnapshot({ 'events/signup.schema.json': '{\n  "type": "object",\n  "properties": {\n    "plan": { "$ref": "#/definitions/plan" }\n  }\n}\n' }),
      [{ path: 'events/', format: 'jsonschema' }],
    );
    expect(problems).toEqual([expect.objectContaining({ file: 'events/signup.schema.json', line: 4, message: expect.stringContaining('`#/definitions/plan`') })]);
  });
});

describe('several plans in one repository', () => {
  it('reads a native plan and another format side by side when both are configured', async () => {
    const snapshot = new MemorySnapshot({
      'web/tracking-plan.yaml': 'version: 1\nevents:\n  app_opened: {}\n',
      'server/plan.json': '{ "rules": [ { "key": "invoice_paid", "jsonSchema": { "properties": { "properties": { "properties": {} } } } } ] }',
    });
    const { plan, formats } = await load(snapshot, [{ path: 'web/tracking-plan.yaml' }, { path: 'server/plan.json' }]);
    expect(formats).toEqual(['trackguard', 'segment']);
    expect(plan?.events.map((e) => e.name)).toEqual(['app_opened', 'invoice_paid']);
  });
});
