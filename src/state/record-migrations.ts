// Kept runs read back from IndexedDB are not trusted: each is brought up to the current spec version by the
// migrations below, one version at a time, then checked field by field (run-schema.ts). A record that fails is
// skipped with a sentence naming it and the field, never handed to the page.
import { SPEC_VERSION } from '../engine/model/spec';
import { upgradeSpec } from '../engine/model/spec-migrations';
import { RUN_STATUSES, type RunRecord, type RunSummary } from './run-record';
import { recordProblem } from './run-schema';

/** The ExperimentSpec version this page reads (spec.version); records of older versions are migrated. */
export const CURRENT_SPEC_VERSION = SPEC_VERSION;

/** A record as stored, of unknown shape. */
type Stored = Record<string, unknown> & { spec?: Record<string, unknown> };

/**
 * spec version n → n + 1, applied to the whole stored record (a change to the spec may also touch the curves or
 * the evaluation). 1 → 2 gave layers their initializer and training its clipping and schedule (spec-migrations.ts).
 */
export type Migrations = Readonly<Record<number, (record: Stored) => Stored>>;
export const MIGRATIONS: Migrations = {
  1: (record) => ({ ...record, spec: upgradeSpec(record.spec) as Stored['spec'] }),
};

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const isObject = (v: unknown): v is Stored => !!v && typeof v === 'object' && !Array.isArray(v);
const label = (raw: unknown) => {
  const r = isObject(raw) ? raw : {};
  return typeof r.name === 'string' && r.name ? `"${r.name}"` : typeof r.id === 'string' ? `with id ${r.id}` : 'without an id';
};

/** The stored record migrated to the current version and checked; or why it cannot be shown. */
export function readStoredRecord(raw: unknown, migrations: Migrations = MIGRATIONS, current = CURRENT_SPEC_VERSION): ReadResult<RunRecord> {
  if (!isObject(raw) || !isObject(raw.spec)) return { ok: false, problem: `A saved run ${label(raw)} is damaged (it has no experiment spec) and was skipped.` };
  let record: Stored = raw;
  let version = record.spec!.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, problem: `A saved run ${label(raw)} has no spec version and was skipped.` };
  }
  if (version > current) {
    return { ok: false, problem: `A saved run ${label(raw)} was made by a newer version of the sandbox (spec version ${version}; this page reads ${current}) and was skipped: reload the page to get the newest sandbox.` };
  }
  while (version < current) {
    const migrate = migrations[version];
    if (!migrate) return { ok: false, problem: `A saved run ${label(raw)} has spec version ${version}, which this page cannot bring up to date, and was skipped.` };
    record = migrate(structuredClone(record));
    version += 1;
  }
  const problem = recordProblem(record);
  return problem ? { ok: false, problem: `A saved run ${label(raw)} is damaged and was skipped: ${problem}` } : { ok: true, value: record as unknown as RunRecord };
}

/** A stored summary with the fields a list shows; or why it is skipped. */
export function readStoredSummary(raw: unknown): ReadResult<RunSummary> {
  const r = isObject(raw) ? raw : null;
  const ok = r && typeof r.id === 'string' && r.id && typeof r.name === 'string' && typeof r.createdAt === 'string'
    && Number.isFinite(Date.parse(r.createdAt)) && (RUN_STATUSES as readonly unknown[]).includes(r.status) && isObject(r.spec)
    && (typeof r.spec.version === 'number' && r.spec.version <= CURRENT_SPEC_VERSION)
    && (r.headline === null || (isObject(r.headline) && typeof r.headline.value === 'number'));
  return ok ? { ok: true, value: r as unknown as RunSummary } : { ok: false, problem: `A saved run ${label(raw)} is damaged (its list entry lacks an id, name, date, status or spec) and was skipped.` };
}
