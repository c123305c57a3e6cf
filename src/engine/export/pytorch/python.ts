// Writing values as Python source: numbers, strings, booleans, lists and dicts (JSON-shaped data only).

export function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? "float('nan')" : `float('${value > 0 ? 'inf' : '-inf'}')`;
    return String(value);
  }
  // A JSON string literal is a valid Python string literal (\n, \", \\, \uXXXX all mean the same).
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
  }
  throw new Error(`cannot write ${typeof value} as Python`);
}

/** Python's keyword arguments from an object: dict(a=1, b=2) reads better than a literal for settings. */
export function pyDict(values: Record<string, unknown>): string {
  return `dict(${Object.entries(values).map(([k, v]) => `${k}=${py(v)}`).join(', ')})`;
}
