// System components some tests need (Chromium, poppler-utils, …), on the pattern of postgres-test-url.ts: on a
// contributor's machine without them those tests skip with a notice naming what to install, so `npm test` still
// passes; when the component's RERATE_REQUIRE_* variable is 1 (.ci/run sets it after installing the component) a
// missing component is a failure instead.
import assert from 'node:assert/strict';

export type Requirement =
  | { kind: 'available' }
  /** Missing, and not required: skip with this message. */
  | { kind: 'skip'; message: string }
  /** Missing and required: every test that needs it fails with this message. */
  | { kind: 'fail'; message: string };

export interface RequirementSpec {
  /** What the tests need, for the messages, e.g. "Chromium and poppler-utils". */
  what: string;
  /** The parts that are missing (empty when all are there), e.g. ["pdftoppm (poppler-utils)"]. */
  missing: readonly string[];
  /** The variable that makes absence a failure, e.g. "RERATE_REQUIRE_CHROMIUM". */
  requireVariable: string;
  /** How to install or point at the component. */
  howTo: string;
}

export function systemRequirement(
  spec: RequirementSpec,
  env: Record<string, string | undefined> = process.env,
): Requirement {
  if (spec.missing.length === 0) return { kind: 'available' };
  const missing = spec.missing.join(', ');
  if (env[spec.requireVariable] === '1') {
    return {
      kind: 'fail',
      message:
        `${spec.requireVariable}=1 but ${missing} cannot be found, ` +
        `so the tests that need ${spec.what} cannot run. ${spec.howTo}`,
    };
  }
  return {
    kind: 'skip',
    message: `needs ${spec.what} (missing: ${missing}). ${spec.howTo} (${spec.requireVariable}=1 makes this a failure)`,
  };
}

const noticed = new Set<string>();

/**
 * node:test's `skip` option for tests that need the component: the skip message, or false to run them. The first
 * skip for a message also prints a NOTICE on stderr, so the skip is visible in the run's output.
 */
export function skipUnless(requirement: Requirement, label: string): string | false {
  if (requirement.kind !== 'skip') return false;
  const key = `${label}\n${requirement.message}`;
  if (!noticed.has(key)) {
    noticed.add(key);
    process.stderr.write(`NOTICE: ${label} are skipped: ${requirement.message}\n`);
  }
  return requirement.message;
}

/** At the start of a test that needs the component: fails it when the component is required and missing. */
export function assertAvailable(requirement: Requirement): void {
  if (requirement.kind === 'fail') assert.fail(requirement.message);
}
