// One kept run: everything needed to show it again, compare it with others and train it again, as plain data
// that IndexedDB can store and JSON can carry. The export file format and its careful import live here too.
import type { BackendReport } from '../engine/backend';
import type { ExperimentSpec } from '../engine/model/spec';
import type { Evaluation } from '../worker/protocol';
import type { Point } from './curves.svelte';
import { recordProblem } from './run-schema';

/** 'crashed': the training worker died mid-run; the curves are those it had reported. */
export type RunStatus = 'finished' | 'stopped' | 'diverged' | 'crashed';
export const RUN_STATUSES: readonly RunStatus[] = ['finished', 'stopped', 'diverged', 'crashed'];
export type PairRole = 'baseline' | 'variant';

export interface RunCurves {
  trainLoss: Point[];
  trainAccuracy: Point[];
  validationLoss: Point[];
  validationAccuracy: Point[];
  /** Any further named series (lossScale, learningRate, …), x in epochs like the rest; {} when none. Open on
   *  purpose: a later feature adds a key here without a new format version. */
  series: Record<string, Point[]>;
}

export interface RunRecord {
  id: string;
  name: string;
  /** ISO 8601, when the run was kept. */
  createdAt: string;
  status: RunStatus;
  spec: ExperimentSpec;
  curves: RunCurves;
  /** The test-set evaluation; null when the run ended before one (a divergence). */
  evaluation: Evaluation | null;
  backend: BackendReport | null;
  /** Wall-clock training time, pauses excluded. */
  durationMs: number;
  /** Epochs completed, fractional for a run stopped mid-epoch. */
  epochsTrained: number;
  /** Shared by the two runs of a paired A/B comparison. */
  pairId?: string;
  pairRole?: PairRole;
  notes: string;
}

/** What a list of runs shows, without the curves and the evaluation (the heavy parts). */
export type RunSummary = Omit<RunRecord, 'curves' | 'evaluation'> & {
  /** Test accuracy for classification, test MSE for regression; null without an evaluation. */
  headline: { label: 'accuracy' | 'mse'; value: number } | null;
};

export function summarizeRun(record: RunRecord): RunSummary {
  const { curves: _curves, evaluation, ...rest } = record;
  const headline = !evaluation ? null
    : evaluation.task === 'classification' ? { label: 'accuracy' as const, value: evaluation.report.accuracy }
    : { label: 'mse' as const, value: evaluation.report.mse };
  return { ...rest, headline };
}

/** Run curves with nothing in them yet. */
export const emptyCurves = (): RunCurves =>
  ({ trainLoss: [], trainAccuracy: [], validationLoss: [], validationAccuracy: [], series: {} });

/** A new unique id. Not from the seeded generator: ids must differ between runs of the same seed.
 *  crypto.getRandomValues works on plain http too, where crypto.randomUUID does not exist. */
export function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'run-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const EXPORT_FORMAT = 'training-sandbox-runs';
export const EXPORT_VERSION = 1;

export interface RunsExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  runs: RunRecord[];
}

/** JSON has no NaN or ±Infinity (a diverged loss, ROC's first threshold): they are written as {"$number": "NaN"}. */
const NON_FINITE = '$number';

function encodeNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value;
}

function decodeNonFinite(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const text = (value as Record<string, unknown>)[NON_FINITE];
    if (keys.length === 1 && (text === 'NaN' || text === 'Infinity' || text === '-Infinity')) return Number(text);
  }
  return value;
}

/** The export file's text: pretty-printed JSON in the RunsExport format. */
export function exportRuns(records: readonly RunRecord[], now = new Date()): string {
  const file: RunsExport = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), runs: [...records] };
  return JSON.stringify(file, encodeNonFinite, 2);
}

export interface ImportResult {
  runs: RunRecord[];
  /** One sentence per thing that was wrong: the whole file, or a skipped run (named, with the field). */
  problems: string[];
}

const FIX = 'Choose a file made by "Export runs" in this sandbox.';

/**
 * Reads an export file. Valid runs are kept and broken ones skipped, each with a message naming the run and the
 * field. A run whose id is among `existingIds` (or repeats an earlier run of the file) gets a fresh id; when that
 * happens to a run of a pair, the pair gets a fresh pairId too, so a pair imported twice stays two pairs.
 */
export function importRuns(text: string, existingIds: Iterable<string> = []): ImportResult {
  let file: unknown;
  try {
    file = JSON.parse(text, decodeNonFinite);
  } catch (e) {
    return fail(`This file is not JSON (${e instanceof Error ? e.message : String(e)}). ${FIX}`);
  }
  if (!file || typeof file !== 'object' || Array.isArray(file)) return fail(`This file holds no runs export. ${FIX}`);
  const { format, version, runs } = file as Record<string, unknown>;
  if (format !== EXPORT_FORMAT) {
    return fail(`This file is not a runs export (its format is ${JSON.stringify(format) ?? 'missing'}, not "${EXPORT_FORMAT}"). ${FIX}`);
  }
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    return fail(`This file was made by a newer version of the sandbox (format version ${version}; this page reads ` +
      `version ${EXPORT_VERSION}). Reload the page to get the newest sandbox, then import again.`);
  }
  if (version !== EXPORT_VERSION) return fail(`This file's format version is ${JSON.stringify(version) ?? 'missing'}; expected ${EXPORT_VERSION}. ${FIX}`);
  if (!Array.isArray(runs)) return fail(`This file has no list of runs ("runs" is ${runs === undefined ? 'missing' : 'not a list'}). ${FIX}`);

  const problems: string[] = [];
  const valid: RunRecord[] = [];
  runs.forEach((run: unknown, i) => {
    const problem = recordProblem(run);
    if (problem === null) valid.push(run as RunRecord);
    else problems.push(`Skipped ${describeRun(run, i)}: ${problem}`);
  });
  return { runs: freshIds(valid, existingIds), problems };
}

function fail(problem: string): ImportResult {
  return { runs: [], problems: [problem] };
}

function describeRun(run: unknown, index: number): string {
  const name = run && typeof run === 'object' ? (run as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name ? `run ${index + 1} ("${name}")` : `run ${index + 1}`;
}

function freshIds(runs: RunRecord[], existingIds: Iterable<string>): RunRecord[] {
  const taken = new Set(existingIds);
  const clashed = runs.map((run) => {
    const clash = taken.has(run.id);
    taken.add(run.id);
    return clash;
  });
  const newPairIds = new Map<string, string>();
  for (const [i, run] of runs.entries()) {
    if (clashed[i] && run.pairId !== undefined && !newPairIds.has(run.pairId)) newPairIds.set(run.pairId, newRunId().replace('run-', 'pair-'));
  }
  return runs.map((run, i) => {
    const copy = { ...run };
    if (clashed[i]) {
      do copy.id = newRunId(); while (taken.has(copy.id));
      taken.add(copy.id);
    }
    if (copy.pairId !== undefined && newPairIds.has(copy.pairId)) copy.pairId = newPairIds.get(copy.pairId);
    return copy;
  });
}
