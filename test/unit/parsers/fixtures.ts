// Reads the captured command outputs under test/fixtures/outputs/<kind>/ (provenance in its README).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/outputs/', import.meta.url));

export function fixture(kind: string, name: string): string {
  return readFileSync(`${FIXTURES}${kind}/${name}`, 'utf8');
}

export function fixtureNames(kind: string): string[] {
  return readdirSync(`${FIXTURES}${kind}`).sort();
}
