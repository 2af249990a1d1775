/**
 * The rule catalogue. Every rule is listed here explicitly; a test checks that this list, the files
 * under rules/ and the docs under docs/rules/ agree.
 */
import type { Rule } from '../src/engine/rule.js';
import breakingChange from './compatibility/breaking-change.js';
import eventName from './naming/event-name.js';
import executionContext from './naming/execution-context.js';
import inconsistentProperty from './naming/inconsistent-property.js';
import propertyName from './naming/property-name.js';
import similarEvents from './naming/similar-events.js';
import planPropertyName from './pii/plan-property-name.js';
import invalidConfig from './plan/invalid-config.js';
import invalidPlan from './plan/invalid-plan.js';
import eventGovernance from './schema/event-governance.js';
import highCardinality from './schema/high-cardinality.js';
import idFormat from './schema/id-format.js';
import missingDescription from './schema/missing-description.js';
import negativeBoolean from './schema/negative-boolean.js';
import timeRepresentation from './schema/time-representation.js';
import unitSuffix from './schema/unit-suffix.js';
import untypedRequired from './schema/untyped-required.js';
import untestedEvent from './tests/untested-event.js';

export const allRules: readonly Rule[] = [
  invalidPlan,
  invalidConfig,
  planPropertyName,
  breakingChange,
  eventName,
  propertyName,
  inconsistentProperty,
  similarEvents,
  executionContext,
  missingDescription,
  idFormat,
  unitSuffix,
  negativeBoolean,
  highCardinality,
  untypedRequired,
  timeRepresentation,
  eventGovernance,
  untestedEvent,
] as readonly Rule[];
