/**
 * The rule catalogue. Every rule is listed here explicitly; a test checks that this list, the files
 * under rules/ and the docs under docs/rules/ agree.
 */
import type { Rule } from '../src/engine/rule.js';
import breakingChange from './compatibility/breaking-change.js';
import planLoosened from './compatibility/plan-loosened.js';
import schemaVersion from './compatibility/schema-version.js';
import eventName from './naming/event-name.js';
import executionContext from './naming/execution-context.js';
import inconsistentProperty from './naming/inconsistent-property.js';
import propertyName from './naming/property-name.js';
import similarEvents from './naming/similar-events.js';
import planPropertyName from './pii/plan-property-name.js';
import invalidConfig from './plan/invalid-config.js';
import invalidPlan from './plan/invalid-plan.js';
import suppression from './plan/suppression.js';
import eventGovernance from './schema/event-governance.js';
import highCardinality from './schema/high-cardinality.js';
import idFormat from './schema/id-format.js';
import missingDescription from './schema/missing-description.js';
import negativeBoolean from './schema/negative-boolean.js';
import timeRepresentation from './schema/time-representation.js';
import unitSuffix from './schema/unit-suffix.js';
import untypedRequired from './schema/untyped-required.js';
import untestedEvent from './tests/untested-event.js';
import codeProperty from './pii/code-property.js';
import identityValue from './pii/identity-value.js';
import catchLog from './pii/catch-log.js';
import rawInput from './pii/raw-input.js';
import sdkOptions from './pii/sdk-options.js';
import unplannedEvent from './registration/unplanned-event.js';
import dynamicEvent from './registration/dynamic-event.js';
import payload from './registration/payload.js';
import constantsModule from './registration/constants-module.js';
import notImplemented from './registration/not-implemented.js';
import barrelExport from './registration/barrel-export.js';
import openRelay from './registration/open-relay.js';
import missingIdentity from './identity/missing.js';
import constantIdentity from './identity/constant.js';
import rawOrgId from './identity/raw-org-id.js';
import anonymousId from './identity/anonymous-id.js';
import unpersistedAnonymousId from './identity/unpersisted-anonymous-id.js';
import wrapperIdentity from './identity/wrapper-identity.js';
import unguardedRejection from './reliability/unguarded-rejection.js';
import rethrowingHelper from './reliability/rethrowing-helper.js';
import trackBeforeSuccess from './reliability/track-before-success.js';
import floatingChunkLoad from './reliability/floating-chunk-load.js';
import codeEventName from './naming/code-event-name.js';

export const allRules: readonly Rule[] = [
  invalidPlan,
  invalidConfig,
  suppression,
  planPropertyName,
  codeProperty,
  identityValue,
  catchLog,
  rawInput,
  sdkOptions,
  unplannedEvent,
  dynamicEvent,
  payload,
  constantsModule,
  notImplemented,
  barrelExport,
  openRelay,
  missingIdentity,
  constantIdentity,
  rawOrgId,
  anonymousId,
  unpersistedAnonymousId,
  wrapperIdentity,
  unguardedRejection,
  rethrowingHelper,
  trackBeforeSuccess,
  floatingChunkLoad,
  breakingChange,
  planLoosened,
  schemaVersion,
  eventName,
  propertyName,
  inconsistentProperty,
  similarEvents,
  executionContext,
  codeEventName,
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
