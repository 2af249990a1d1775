/**
 * TypeScript types that pair an event with its properties, read as plan events:
 *
 *   type SignUp = { event: PostHogEvent.SignUp; properties: { email: string; plan?: 'free' | 'pro' } };
 *   type Exported = SegmentEvent<typeof Events.exported, { format: string }>;   // a generic alias
 *   interface EventProperties { [Events.SignUp]: { plan: string }; report_viewed: { id: string } }
 *
 * The event is the string type of an `event` member (a literal, an enum member, `typeof` a const
 * member); its properties are the members of `properties` when there is one, else the other
 * members. Generic aliases are instantiated with their arguments (conditional types pick their
 * branch when the argument decides it). Only syntax is read: nothing here asks a type checker.
 */
import type { SourceLocation } from '../engine/types.js';
import type { TypedEvent, TypedProperty } from './model.js';
import type { Evaluator } from './values.js';
import { ts } from './program.js';
import { propertyNameText, unwrap } from './syntax.js';

type Subst = ReadonlyMap<string, ts.TypeNode | undefined>;

interface ShapeMember {
  name: string;
  type: ts.TypeNode | undefined;
  optional: boolean;
  at: ts.Node;
  subst: Subst;
}

/** An object type's members, and the concrete named type they were declared by (where its events are reported). */
interface Shape {
  members: ShapeMember[];
  origin?: ts.Identifier;
}

const NO_SUBST: Subst = new Map();
const MAX_DEPTH = 8;
/** Members naming the event in a typed event. */
const EVENT_KEYS = new Set(['event', 'eventName', 'event_name']);
/** A map type of events to their properties is recognised by its name. */
const EVENT_MAP_NAME = /event/i;

export class TypedEventReader {
  constructor(private readonly evaluator: Evaluator) {}

  /** The typed events a file declares (top-level type aliases and interfaces without type parameters). */
  eventsIn(sf: ts.SourceFile): TypedEvent[] {
    const out: TypedEvent[] = [];
    for (const statement of sf.statements) {
      if (!(ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) || statement.typeParameters?.length) continue;
      const shapes = ts.isTypeAliasDeclaration(statement) ? this.shapes(statement.type, NO_SUBST, 0) : [{ members: this.interfaceMembers(statement, NO_SUBST, 0) }];
      // A union of event types declared elsewhere (`type AnyEvent = SignUp | Exported`) is not where those events are.
      const typed = mergeBranches(shapes.flatMap((shape) => (shape.origin && shape.origin !== statement.name ? [] : this.eventOf(shape.members, statement.name))));
      if (typed.length) {
        out.push(...typed);
        continue;
      }
      if (EVENT_MAP_NAME.test(statement.name.text) && shapes.length === 1 && !shapes[0]?.origin) out.push(...this.eventMap(shapes[0]?.members ?? []));
    }
    return out;
  }

  /** A shape with an `event` member of known string type: one plan event per name it can be. */
  private eventOf(members: readonly ShapeMember[], declName: ts.Identifier): TypedEvent[] {
    const eventMember = members.find((m) => EVENT_KEYS.has(m.name));
    if (!eventMember) return [];
    const names = this.strings(eventMember.type, eventMember.subst, 0);
    if (!names.length) return [];
    const nested = members.find((m) => m.name === 'properties');
    const propertyMembers = nested ? this.shapes(nested.type, nested.subst, 0)[0]?.members ?? [] : members.filter((m) => m !== eventMember);
    const properties = propertyMembers.map((m) => this.property(m, '', 0));
    return names.map((name) => ({ name, location: this.location(declName), properties }));
  }

  /** `interface EventProperties { signed_up: { plan: string } }`: each member whose key is a name and whose type is an object. */
  private eventMap(members: readonly ShapeMember[]): TypedEvent[] {
    const out: TypedEvent[] = [];
    for (const member of members) {
      const shape = this.shapes(member.type, member.subst, 0);
      if (shape.length !== 1) return [];
      out.push({ name: member.name, location: this.location(member.at), properties: (shape[0]?.members ?? []).map((m) => this.property(m, '', 0)) });
    }
    return out;
  }

  private property(member: ShapeMember, prefix: string, depth: number): TypedProperty {
    const path = `${prefix}${member.name}`;
    const described = this.describe(member.type, member.subst, depth);
    return {
      name: member.name,
      path,
      types: described.types,
      required: !member.optional && !described.undefinedAllowed,
      ...(described.enum.length ? { enum: described.enum } : {}),
      children: described.members.map((m) => this.property(m, `${path}.`, depth + 1)),
      location: this.location(member.at),
    };
  }

  /** What a property's type allows, in plan terms. */
  private describe(
    type: ts.TypeNode | undefined,
    subst: Subst,
    depth: number,
  ): { types: TypedProperty['types']; enum: Array<string | number | boolean>; undefinedAllowed: boolean; members: ShapeMember[] } {
    const out = { types: [] as TypedProperty['types'], enum: [] as Array<string | number | boolean>, undefinedAllowed: false, members: [] as ShapeMember[] };
    const add = (t: TypedProperty['types'][number]) => {
      if (!out.types.includes(t)) out.types.push(t);
    };
    const walk = (node: ts.TypeNode | undefined, s: Subst, d: number): void => {
      if (!node || d > MAX_DEPTH) return;
      if (ts.isParenthesizedTypeNode(node)) return walk(node.type, s, d + 1);
      if (ts.isUnionTypeNode(node)) return node.types.forEach((t) => walk(t, s, d + 1));
      switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
          return add('string');
        case ts.SyntaxKind.NumberKeyword:
        case ts.SyntaxKind.BigIntKeyword:
          return add('number');
        case ts.SyntaxKind.BooleanKeyword:
          return add('boolean');
        case ts.SyntaxKind.UndefinedKeyword:
        case ts.SyntaxKind.VoidKeyword:
          out.undefinedAllowed = true;
          return;
      }
      if (ts.isLiteralTypeNode(node)) {
        const lit = node.literal;
        if (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) {
          add('string');
          out.enum.push(lit.text);
        } else if (ts.isNumericLiteral(lit)) {
          add('number');
          out.enum.push(Number(lit.text));
        } else if (lit.kind === ts.SyntaxKind.TrueKeyword || lit.kind === ts.SyntaxKind.FalseKeyword) add('boolean');
        else if (lit.kind === ts.SyntaxKind.NullKeyword) add('null');
        return;
      }
      if (ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node)) return add('array');
      if (ts.isTypeLiteralNode(node)) {
        add('object');
        out.members.push(...this.literalMembers(node, s));
        return;
      }
      if (ts.isTypeReferenceNode(node)) {
        const name = node.typeName;
        if (ts.isIdentifier(name)) {
          if (s.has(name.text)) return walk(s.get(name.text), s, d + 1);
          if (name.text === 'Array' || name.text === 'ReadonlyArray') return add('array');
          if (name.text === 'Date') return add('string');
          if (name.text === 'Record') return add('object');
        }
        // An enum member or a const's member as a type: its string value.
        const strings = this.strings(node, s, d + 1);
        if (strings.length) {
          add('string');
          out.enum.push(...strings);
          return;
        }
        const alias = ts.isIdentifier(name) ? this.evaluator.typeDeclaration(name, isTypeDeclaration) : undefined;
        if (alias && ts.isTypeAliasDeclaration(alias.decl) && !alias.decl.typeParameters?.length) return walk(alias.decl.type, NO_SUBST, d + 1);
        if (alias && ts.isInterfaceDeclaration(alias.decl)) {
          add('object');
          out.members.push(...this.interfaceMembers(alias.decl, NO_SUBST, d + 1));
        }
      }
      // Anything else (a class, a package's type, a mapped type) says nothing the plan can check.
    };
    walk(type, subst, depth);
    // A union of literals and `string` is just a string.
    if (out.enum.length && out.types.some((t) => t === 'string') && this.hasPlainKeyword(type, subst)) out.enum = [];
    return out;
  }

  private hasPlainKeyword(type: ts.TypeNode | undefined, subst: Subst): boolean {
    if (!type) return false;
    if (ts.isParenthesizedTypeNode(type)) return this.hasPlainKeyword(type.type, subst);
    if (ts.isUnionTypeNode(type)) return type.types.some((t) => this.hasPlainKeyword(t, subst));
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && subst.has(type.typeName.text)) return this.hasPlainKeyword(subst.get(type.typeName.text), subst);
    return type.kind === ts.SyntaxKind.StringKeyword;
  }

  /**
   * The object shapes a type can be (several for a union), each as its members. Generic aliases are
   * instantiated; `T extends void ? A : B` takes the branch the argument decides.
   */
  private shapes(type: ts.TypeNode | undefined, subst: Subst, depth: number): Shape[] {
    if (!type || depth > MAX_DEPTH) return [];
    if (ts.isParenthesizedTypeNode(type)) return this.shapes(type.type, subst, depth + 1);
    if (ts.isUnionTypeNode(type)) return type.types.flatMap((t) => this.shapes(t, subst, depth + 1));
    if (type.kind === ts.SyntaxKind.VoidKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword) return [{ members: [] }];
    if (ts.isTypeLiteralNode(type)) return [{ members: this.literalMembers(type, subst) }];
    if (ts.isIntersectionTypeNode(type)) {
      let combined: Shape[] = [{ members: [] }];
      for (const part of type.types) {
        const options = this.shapes(part, subst, depth + 1);
        if (!options.length) continue;
        combined = combined.flatMap((left) =>
          options.map((right) => {
            const origin = left.origin ?? right.origin;
            return { members: [...left.members, ...right.members.filter((r) => !left.members.some((l) => l.name === r.name))], ...(origin ? { origin } : {}) };
          }),
        );
      }
      return combined;
    }
    if (ts.isConditionalTypeNode(type)) {
      const decided = this.decide(type, subst);
      return decided === undefined ? [] : this.shapes(decided ? type.trueType : type.falseType, subst, depth + 1);
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const name = type.typeName;
      if (subst.has(name.text)) {
        const bound = subst.get(name.text);
        return bound ? this.shapes(bound, subst, depth + 1) : [{ members: [] }];
      }
      const found = this.evaluator.typeDeclaration(name, isTypeDeclaration);
      if (!found) return [];
      const inner = bind(found.decl.typeParameters, type.typeArguments, subst);
      const concrete = !found.decl.typeParameters?.length;
      const shapes = ts.isInterfaceDeclaration(found.decl) ? [{ members: this.interfaceMembers(found.decl, inner, depth + 1) }] : this.shapes(found.decl.type, inner, depth + 1);
      // Events come from the innermost concrete type that declares them: report them there.
      return concrete ? shapes.map((shape) => (shape.origin ? shape : { ...shape, origin: found.decl.name })) : shapes;
    }
    return [];
  }

  /** `T extends void ? …`: true or false when the argument bound to `T` decides it, else undefined. */
  private decide(type: ts.ConditionalTypeNode, subst: Subst): boolean | undefined {
    const check = type.checkType;
    if (!ts.isTypeReferenceNode(check) || !ts.isIdentifier(check.typeName) || !subst.has(check.typeName.text)) return undefined;
    const bound = subst.get(check.typeName.text);
    const empty = (t: ts.TypeNode | undefined) => !t || t.kind === ts.SyntaxKind.VoidKeyword || t.kind === ts.SyntaxKind.UndefinedKeyword || t.kind === ts.SyntaxKind.NeverKeyword;
    if (empty(type.extendsType)) return empty(bound);
    return undefined;
  }

  private literalMembers(node: ts.TypeLiteralNode | ts.InterfaceDeclaration, subst: Subst): ShapeMember[] {
    const out: ShapeMember[] = [];
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) continue;
      const name = this.keyOf(member.name);
      // `slices_count?: never`: the branch says the property is absent.
      if (name === undefined || member.type?.kind === ts.SyntaxKind.NeverKeyword) continue;
      out.push({ name, type: member.type, optional: member.questionToken !== undefined, at: member.name, subst });
    }
    return out;
  }

  private interfaceMembers(decl: ts.InterfaceDeclaration, subst: Subst, depth: number): ShapeMember[] {
    const own = this.literalMembers(decl, subst);
    if (depth > MAX_DEPTH) return own;
    for (const clause of decl.heritageClauses ?? []) {
      for (const base of clause.types) {
        if (!ts.isIdentifier(base.expression)) continue;
        // A stand-in reference over the clause's own name node (trees are shared: nothing is re-parented).
        const ref = ts.factory.createTypeReferenceNode(base.expression, base.typeArguments);
        const inherited = this.shapes(ref, subst, depth + 1)[0]?.members ?? [];
        own.push(...inherited.filter((m) => !own.some((o) => o.name === m.name)));
      }
    }
    return own;
  }

  /** A member key: a plain name, a string, or a computed enum or const member (`[Events.SignUp]`). */
  private keyOf(name: ts.PropertyName): string | undefined {
    const plain = propertyNameText(name);
    if (plain !== undefined) return plain;
    if (ts.isComputedPropertyName(name)) {
      const value = this.evaluator.evaluate(unwrap(name.expression));
      if (value.kind === 'string') return value.value;
    }
    return undefined;
  }

  /** The string values a type denotes: literals, unions of them, enum members, `typeof X.member`. */
  private strings(type: ts.TypeNode | undefined, subst: Subst, depth: number): string[] {
    if (!type || depth > MAX_DEPTH) return [];
    if (ts.isParenthesizedTypeNode(type)) return this.strings(type.type, subst, depth + 1);
    if (ts.isUnionTypeNode(type)) return type.types.flatMap((t) => this.strings(t, subst, depth + 1));
    if (ts.isLiteralTypeNode(type) && (ts.isStringLiteral(type.literal) || ts.isNoSubstitutionTemplateLiteral(type.literal))) return [type.literal.text];
    if (ts.isTypeQueryNode(type)) return this.entityStrings(type.exprName);
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName;
      if (ts.isIdentifier(name) && subst.has(name.text)) return this.strings(subst.get(name.text), subst, depth + 1);
      if (ts.isQualifiedName(name)) return this.entityStrings(name);
      const alias = this.evaluator.typeDeclaration(name, ts.isTypeAliasDeclaration);
      if (alias && !alias.decl.typeParameters?.length) return this.strings(alias.decl.type, NO_SUBST, depth + 1);
    }
    return [];
  }

  /** `Events.SignUp`, `typeof EVENTS.signUp`: the member's string value. */
  private entityStrings(name: ts.EntityName): string[] {
    const value = this.entityValue(name);
    return value.kind === 'string' ? [value.value] : value.kind === 'strings' ? value.values : [];
  }

  private entityValue(name: ts.EntityName): ReturnType<Evaluator['evaluate']> {
    if (ts.isIdentifier(name)) return this.evaluator.evaluate(name);
    return this.evaluator.member(this.entityValue(name.left), name.right.text);
  }

  private location(node: ts.Node): SourceLocation {
    return this.evaluator.program.location(node);
  }
}

/**
 * One event per name: the branches of a discriminated union (`{ mode: 'ai'; url?: string } | { mode:
 * 'manual' }`) are one event whose properties are those of any branch, required only where every
 * branch requires them, with the literal values of all.
 */
function mergeBranches(events: TypedEvent[]): TypedEvent[] {
  const byName = new Map<string, TypedEvent[]>();
  for (const event of events) byName.set(event.name, [...(byName.get(event.name) ?? []), event]);
  return [...byName.values()].map((branches) => {
    const first = branches[0] as TypedEvent;
    return branches.length === 1 ? first : { ...first, properties: mergeProperties(branches.map((b) => b.properties)) };
  });
}

function mergeProperties(branches: TypedProperty[][]): TypedProperty[] {
  const names = [...new Set(branches.flat().map((p) => p.name))];
  return names.map((name) => {
    const found = branches.map((b) => b.find((p) => p.name === name));
    const present = found.filter((p): p is TypedProperty => p !== undefined);
    const first = present[0] as TypedProperty;
    const types = [...new Set(present.flatMap((p) => p.types))];
    // A branch that allows any value of a type (no enum) leaves the union without an enum.
    const enums = present.every((p) => p.enum?.length || p.types.length === 0) ? [...new Set(present.flatMap((p) => p.enum ?? []))] : [];
    return {
      ...first,
      types: present.some((p) => p.types.length === 0) ? [] : types,
      required: found.every((p) => p?.required === true),
      ...(enums.length ? { enum: enums } : { enum: undefined }),
      children: mergeProperties(present.map((p) => p.children)),
    };
  }).map(({ enum: values, ...rest }) => (values?.length ? { ...rest, enum: values } : rest));
}

function isTypeDeclaration(node: ts.Node): node is ts.TypeAliasDeclaration | ts.InterfaceDeclaration {
  return ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node);
}

/** Type parameters bound to the arguments given (or their defaults). Arguments are read in the caller's bindings. */
function bind(params: ts.NodeArray<ts.TypeParameterDeclaration> | undefined, args: ts.NodeArray<ts.TypeNode> | undefined, outer: Subst): Subst {
  if (!params?.length) return NO_SUBST;
  const out = new Map<string, ts.TypeNode | undefined>();
  params.forEach((param, i) => {
    let arg = args?.[i] ?? param.default;
    // An argument that is itself an outer parameter stands for what that one is bound to.
    while (arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName) && outer.has(arg.typeName.text)) arg = outer.get(arg.typeName.text);
    out.set(param.name.text, arg);
  });
  return out;
}
