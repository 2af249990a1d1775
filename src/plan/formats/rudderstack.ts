import { locate, type ParsedSource, type PathSegment, type SourceProblem } from '../../engine/source.js';
import type { SourceLocation } from '../../engine/types.js';
import type { PlanEvent, PlanProperty, PropertyType } from '../model.js';
import { asRecord, text } from '../load.js';

/** An item of a rudder-cli spec, with the document and path it was read from. */
interface Item {
  data: Record<string, unknown>;
  source: ParsedSource;
  at: PathSegment[];
}

const KIND_LISTS: Readonly<Record<string, string>> = { events: 'events', properties: 'properties', 'custom-types': 'types', categories: 'categories' };
const TYPE_NAMES = new Set<PropertyType>(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
const CONFIG_KEYS = ['enum', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'format', 'minItems', 'maxItems'];
const PLACEHOLDER = /\$\{[^}]*\}|\{\{[^}]*\}\}/;

/**
 * RudderStack rudder-cli YAML (`version: rudder/v0.1`): `kind: events`, `properties`,
 * `custom-types`, `categories` and `tp` (tracking plan) files spread across a folder, linked by
 * `#/<kind>/<group>/<id>` references. Events come from the tracking plans' event rules, with the
 * properties each rule lists (`required`), `allow_unplanned`, and discriminator variants as
 * conditional requirements. Without any `tp` file, every defined event is taken, without properties.
 */
export function importRudderStack(sources: readonly ParsedSource[], add: (event: PlanEvent) => void, problems: SourceProblem[]): void {
  const items = new Map<string, Item>();
  const plans: Item[] = [];
  for (const source of sources) {
    const doc = asRecord(source.data);
    if (!doc || typeof doc.version !== 'string' || !doc.version.startsWith('rudder/')) continue;
    const kind = String(doc.kind ?? '');
    const group = String(asRecord(doc.metadata)?.name ?? '');
    const spec = asRecord(doc.spec) ?? {};
    if (kind === 'tp') {
      plans.push({ data: spec, source, at: ['spec'] });
      continue;
    }
    const listKey = KIND_LISTS[kind];
    if (!listKey) continue;
    const list = spec[listKey];
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const data = asRecord(raw);
      if (data && typeof data.id === 'string') items.set(`#/${kind}/${group}/${data.id}`, { data, source, at: ['spec', listKey, index] });
    });
  }

  const problem = (source: ParsedSource, at: PathSegment[], message: string, fix: string) => {
    const loc = locate(source, at, 'value');
    problems.push({ file: source.file, line: loc.line, column: loc.column, message, fix });
  };
  const resolve = (ref: unknown, from: ParsedSource, at: PathSegment[]): Item | undefined => {
    const item = typeof ref === 'string' ? items.get(ref) : undefined;
    if (!item) problem(from, at, `Reference \`${String(ref)}\` cannot be resolved.`, 'Point it at an item defined in a rudder-cli file of this plan (#/<kind>/<metadata.name>/<id>).');
    return item;
  };

  const buildProperty = (item: Item, required: boolean, prefix: string, depth: number): PlanProperty | undefined => {
    const name = String(item.data.name ?? item.data.id);
    const location = locate(item.source, [...item.at, item.data.name !== undefined ? 'name' : 'id'], 'value');
    if (PLACEHOLDER.test(name)) {
      problem(item.source, [...item.at, 'name'], `Property name \`${name}\` contains a placeholder that cannot be resolved statically.`, 'Write the property name as it is sent.');
      return undefined;
    }
    const path = prefix ? `${prefix}.${name}` : name;
    let typeSpec: unknown = item.data.type;
    let config = asRecord(item.data.propConfig) ?? asRecord(item.data.config) ?? {};
    let nested: unknown[] = [];
    /** The custom type that declares the nested properties (their references are relative to it). */
    let nestedFrom: Item | undefined;
    if (typeof typeSpec === 'string' && typeSpec.startsWith('#/custom-types/')) {
      const custom = resolve(typeSpec, item.source, [...item.at, 'type']);
      if (!custom) return undefined;
      typeSpec = custom.data.type;
      config = { ...(asRecord(custom.data.config) ?? {}), ...config };
      nested = Array.isArray(custom.data.properties) ? custom.data.properties : [];
      nestedFrom = custom;
    }
    const types = (Array.isArray(typeSpec) ? typeSpec : String(typeSpec ?? '').split(','))
      .map((t) => String(t).trim())
      .filter((t): t is PropertyType => TYPE_NAMES.has(t as PropertyType));
    const schema: Record<string, unknown> = {};
    if (types.length === 1) schema.type = types[0];
    else if (types.length > 1) schema.type = types;
    for (const key of CONFIG_KEYS) if (config[key] !== undefined) schema[key] = config[key];
    if (typeof item.data.description === 'string') schema.description = item.data.description;
    if (config.itemTypes !== undefined) schema.items = { type: config.itemTypes };
    const children: PlanProperty[] = [];
    if (nestedFrom && nested.length && depth < 6) {
      const from = nestedFrom;
      nested.forEach((raw, index) => {
        const entry = asRecord(raw);
        const target = entry ? resolve(entry.$ref, from.source, [...from.at, 'properties', index, '$ref']) : undefined;
        const child = target ? buildProperty(target, entry?.required === true, path, depth + 1) : undefined;
        if (child) children.push(child);
      });
      schema.properties = Object.fromEntries(children.map((c) => [c.name, c.schema]));
      const req = children.filter((c) => c.required).map((c) => c.name);
      if (req.length) schema.required = req;
    }
    return {
      name,
      path,
      types,
      required,
      description: text(item.data.description),
      format: text(config.format),
      enum: Array.isArray(config.enum) ? config.enum : undefined,
      pattern: text(config.pattern),
      schema,
      children,
      location,
    };
  };

  const eventFrom = (item: Item, location?: SourceLocation): PlanEvent | undefined => {
    const name = item.data.name ?? item.data.id;
    if (typeof name !== 'string') return undefined;
    if (PLACEHOLDER.test(name)) {
      problem(item.source, [...item.at, 'name'], `Event name \`${name}\` contains a placeholder that cannot be resolved statically.`, 'Write the event name as it is sent; keep environments apart with a property or a separate source.');
      return undefined;
    }
    return {
      name,
      description: text(item.data.description),
      status: 'active',
      properties: [],
      conditions: [],
      location: location ?? locate(item.source, [...item.at, item.data.name !== undefined ? 'name' : 'id'], 'value'),
    };
  };

  if (plans.length === 0) {
    for (const [key, item] of items) {
      if (!key.startsWith('#/events/')) continue;
      const event = eventFrom(item);
      if (event) add(event);
    }
    return;
  }

  for (const plan of plans) {
    const rules = Array.isArray(plan.data.rules) ? plan.data.rules : [];
    rules.forEach((raw, index) => {
      const rule = asRecord(raw);
      if (!rule || (rule.type !== undefined && rule.type !== 'event_rule')) return;
      const at: PathSegment[] = [...plan.at, 'rules', index];
      const eventRef = asRecord(rule.event);
      const eventItem = resolve(eventRef?.$ref, plan.source, [...at, 'event', '$ref']);
      const event = eventItem ? eventFrom(eventItem) : undefined;
      if (!event) return;
      if (typeof eventRef?.allow_unplanned === 'boolean') event.allowUnplanned = eventRef.allow_unplanned;
      const list = Array.isArray(rule.properties) ? rule.properties : [];
      list.forEach((entry, j) => {
        const ref = asRecord(entry);
        const target = ref ? resolve(ref.$ref, plan.source, [...at, 'properties', j, '$ref']) : undefined;
        const property = target ? buildProperty(target, ref?.required === true, '', 0) : undefined;
        if (property) event.properties.push(property);
      });
      event.conditions = variantsOf(rule, plan, at, resolve);
      add(event);
    });
  }
}

/** Discriminator variants as JSON Schema conditions: `if discriminator ∈ match then required […]`. */
function variantsOf(rule: Record<string, unknown>, plan: Item, at: PathSegment[], resolve: (ref: unknown, from: ParsedSource, at: PathSegment[]) => Item | undefined) {
  const out: Array<Record<string, unknown>> = [];
  const variants = Array.isArray(rule.variants) ? rule.variants : [];
  variants.forEach((raw, v) => {
    const variant = asRecord(raw);
    if (!variant) return;
    const discriminator = resolve(variant.discriminator, plan.source, [...at, 'variants', v, 'discriminator']);
    if (!discriminator) return;
    const key = String(discriminator.data.name ?? discriminator.data.id);
    const cases = Array.isArray(variant.cases) ? variant.cases : [];
    cases.forEach((rawCase, c) => {
      const item = asRecord(rawCase);
      if (!item || !Array.isArray(item.match)) return;
      const required: string[] = [];
      (Array.isArray(item.properties) ? item.properties : []).forEach((entry, p) => {
        const ref = asRecord(entry);
        const target = ref ? resolve(ref.$ref, plan.source, [...at, 'variants', v, 'cases', c, 'properties', p, '$ref']) : undefined;
        if (target && ref?.required === true) required.push(String(target.data.name ?? target.data.id));
      });
      if (required.length) out.push({ if: { properties: { [key]: { enum: item.match } }, required: [key] }, then: { required } });
    });
  });
  return out;
}
