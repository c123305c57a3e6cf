// The runs kept in this browser (IndexedDB), and which of them are being compared.
import { importRuns, exportRuns, type RunRecord, type RunSummary } from './run-record';
import { RunStore } from './run-store';

export class RunHistory {
  readonly #store: RunStore;
  runs = $state.raw<RunSummary[]>([]);
  /** False when this browser cannot keep runs (private mode, storage blocked); the reason says why. */
  available = $state<boolean | null>(null);
  reason = $state<string | null>(null);
  /** Ids chosen for comparison, in the order chosen. */
  selected = $state.raw<string[]>([]);
  /** The chosen runs, loaded in full. */
  compared = $state.raw<RunRecord[]>([]);
  message = $state<string | null>(null);
  /** Saved runs skipped as damaged or unreadable, one sentence each (record-migrations.ts). */
  skipped = $state.raw<string[]>([]);

  constructor(store = new RunStore()) {
    this.#store = store;
    store.onSkipped = (notice) => {
      if (!this.skipped.includes(notice)) this.skipped = [...this.skipped, notice];
    };
  }

  async init() {
    try {
      await this.#store.open();
      this.available = true;
      await this.refresh();
    } catch {
      this.available = false;
      this.reason = this.#store.unavailableReason;
    }
  }

  async refresh() {
    this.runs = await this.#store.list();
    const ids = new Set(this.runs.map((r) => r.id));
    await this.#setSelection(this.selected.filter((id) => ids.has(id)));
  }

  /** Keeps new runs; a pair is selected for comparison straight away. */
  async save(records: RunRecord[]) {
    if (!this.available) return;
    try {
      await this.#store.putAll(records.map((r) => $state.snapshot(r) as RunRecord));
      await this.refresh();
      if (records.length > 1) await this.#setSelection(records.map((r) => r.id));
    } catch (e) {
      this.message = e instanceof Error ? e.message : String(e);
    }
  }

  async toggle(id: string) {
    await this.#setSelection(this.selected.includes(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id]);
  }

  async rename(id: string, name: string) {
    await this.#store.rename(id, name.trim() || 'Untitled run');
    await this.refresh();
  }

  async remove(id: string) {
    await this.#store.remove(id);
    await this.refresh();
  }

  /** The chosen runs (or all, when none is chosen) as a JSON file's text. */
  async exportText(): Promise<string> {
    const ids = this.selected.length ? this.selected : this.runs.map((r) => r.id);
    const records = await Promise.all(ids.map((id) => this.#store.get(id)));
    return exportRuns(records.filter((r): r is RunRecord => r !== undefined));
  }

  /** Imports runs from a file's text; returns the problems met (each names the run and the field). */
  async importText(text: string): Promise<string[]> {
    const { runs, problems } = importRuns(text, this.runs.map((r) => r.id));
    if (runs.length) await this.#store.putAll(runs);
    await this.refresh();
    this.message = `Imported ${runs.length} run${runs.length === 1 ? '' : 's'}${problems.length ? `; skipped what is listed below` : ''}.`;
    return problems;
  }

  async #setSelection(ids: string[]) {
    this.selected = ids;
    const loaded = await Promise.all(ids.map((id) => this.compared.find((r) => r.id === id) ?? this.#store.get(id)));
    this.compared = loaded.filter((r): r is RunRecord => r !== undefined);
  }
}
