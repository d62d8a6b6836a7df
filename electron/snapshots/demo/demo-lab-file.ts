// The demo lab as the bytes of assets/demo-lab.obxsnap, built from the walkthrough's outputs kept
// in the repository (test/fixtures/outputs). Same repository, same bytes: the build and a test both
// call this, so the shipped file is checked to be what the generator makes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSnapshot } from '../snapshot-file';
import { buildDemoLab } from './demo-lab';

/** Where the walkthrough's outputs are kept, from the repository's root. */
export const WALKTHROUGH_OUTPUTS = 'test/fixtures/outputs';
/** Where the demo ships, from the repository's root. */
export const DEMO_LAB_ASSET = 'assets/demo-lab.obxsnap';

export async function demoLabBytes(repositoryRoot: string): Promise<Buffer> {
  const content = await buildDemoLab((path) => readFileSync(join(repositoryRoot, WALKTHROUGH_OUTPUTS, path), 'utf8'));
  return encodeSnapshot(content);
}
