// One figure of the bench (a row of its table) and how its values are shown.
import { median, ratio } from './stats.mjs';

export const KB = 1024;
export const MB = 1024 * 1024;

/** One row: every figure carries its runs, its same-run baseline and its target. */
export function figure({ id, name, unit, runs, value = median(runs), baseline, target, met, note }) {
  const base = baseline ? { ...baseline, value: baseline.value ?? median(baseline.runs ?? []) } : null;
  return {
    id,
    name,
    unit,
    value,
    runs,
    baseline: base,
    ratio: base ? ratio(value, base.value) : null,
    target: target ?? null,
    met: met ?? null,
    note: note ?? null,
  };
}

export const upTo = (limit) => (v) => v !== null && v <= limit;

/** Milliseconds with one decimal, for the notes. */
export const ms = (v) => (v === null ? '—' : `${v.toFixed(1)} ms`);

export function show(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === '×') return `${value.toFixed(2)}×`;
  const digits = value >= 100 ? 0 : 1;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}
