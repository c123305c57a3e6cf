// Which columns of a table an experiment reads: the target, the features and the task, turned into the table's
// dataset spec with the classes and input width they give. Plain functions over the column schema the data
// worker sends, so the page can check a choice at once.
import type { Task } from '../data/catalog';
import { TECHNIQUE_DEFAULTS, type TableDatasetSpec } from '../engine/model/spec';
import type { ColumnSchema, TableSchema } from '../worker/data-protocol';

export interface TableChoice {
  target: string;
  features: string[];
  task: Task;
}

/** Names that usually mark the column to predict. */
const TARGET_NAMES = ['target', 'label', 'class', 'species', 'y', 'outcome', 'diagnosis'];

/** The tasks a column allows as the target: any column can be classes only if it has few distinct values. */
export function tasksFor(column: ColumnSchema): Task[] {
  const tasks: Task[] = [];
  if (column.classNames.length >= 2) tasks.push('classification');
  if (column.type === 'number') tasks.push('regression');
  return tasks;
}

/** A first choice for a new table: a column named like a target (else the last one), every other usable column. */
export function defaultChoice(schema: TableSchema): TableChoice {
  const candidates = schema.columns.filter((c) => tasksFor(c).length > 0);
  const target = candidates.find((c) => TARGET_NAMES.includes(c.name.trim().toLowerCase())) ?? candidates.at(-1) ?? schema.columns.at(-1);
  if (!target) throw new Error(`${schema.fileName} has no columns.`);
  return withTarget(schema, target.name);
}

/** The choice with a new target: its inferred task, and every other usable column as a feature. */
export function withTarget(schema: TableSchema, target: string): TableChoice {
  const column = schema.columns.find((c) => c.name === target);
  if (!column) throw new Error(`${schema.fileName} has no column "${target}".`);
  const features = schema.columns.filter((c) => c.name !== target && c.usableAsFeature).map((c) => c.name);
  return { target, features, task: column.task };
}

/** The dataset spec for `choice`; `previous` keeps the split and cleaning settings when only the columns change. */
export function tableSpec(name: string, schema: TableSchema, choice: TableChoice, previous?: TableDatasetSpec): TableDatasetSpec {
  const column = schema.columns.find((c) => c.name === choice.target);
  if (!column) throw new Error(`${schema.fileName} has no column "${choice.target}".`);
  if (!tasksFor(column).includes(choice.task)) {
    throw new Error(`${choice.target} cannot be predicted as ${choice.task}: ${choice.task === 'regression' ? 'it is not a number column' : 'it has too many distinct values to be classes'}.`);
  }
  const features = choice.features.filter((f) => f !== choice.target);
  const width = features.reduce((sum, f) => sum + (schema.columns.find((c) => c.name === f)?.width ?? 0), 0);
  const classNames = choice.task === 'classification' ? column.classNames : [];
  const keptImbalance = previous && previous.target === choice.target ? previous.imbalance : { ...TECHNIQUE_DEFAULTS.imbalance };
  return {
    kind: 'table', name, title: schema.fileName, rows: schema.rowCount, target: choice.target, features, task: choice.task,
    classNames, inputSize: width,
    trainRatio: previous?.trainRatio ?? 0.7, missing: previous?.missing ?? 'drop', clipOutliers: previous?.clipOutliers ?? false,
    imbalance: keptImbalance,
  };
}
