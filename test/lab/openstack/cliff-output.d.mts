// Types of cliff-output.mjs for the TypeScript tests that check it against the real client's output.
export interface Cell {
  machine: unknown;
  human: string;
  formatted: true;
}
export interface OutputOptions {
  format: 'table' | 'json' | 'value' | 'csv' | 'yaml';
  columns: string[];
  noindent: boolean;
}
export function cell(machine: unknown, human?: string): Cell;
export function emitList(headers: string[], rows: unknown[][], out: OutputOptions): string;
export function emitOne(fields: Record<string, unknown>, out: OutputOptions): string;
