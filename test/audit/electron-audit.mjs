#!/usr/bin/env node
// The Electron security audit (issue 12 §2): @doyensec/electronegativity over what the app ships —
// the shell and core sources (electron/), the page's sources (renderer/, each .svelte file's
// script included) and the built page (dist/renderer, third-party code included) — failing on any
// finding that is neither fixed nor explained. A finding in our own sources is suppressed only
// where it stands, by an `eng-disable CHECK_ID` comment with the reason beside it; a finding in
// built third-party code is listed in ACCEPTED_BUILT_FINDINGS with its reason. SECURITY.md has
// every one of them. Run by `npm run audit:electron` (after `npm run build`), part of `npm test`.
//
// Offline: electronegativity fetches translations and Electron's release list with `got`; here
// `got` is replaced by a refusal before the tool loads, so the audit never reaches the network.
import { createRequire } from 'node:module';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the app ships, relative to the repository. */
const SOURCE_FOLDERS = ['electron', 'renderer'];
const BUILT_PAGE_FOLDER = 'dist/renderer';
/** Tests and build scripts never ship. */
const NOT_SHIPPED = [/\.test\.ts$/, /\.spec\.ts$/, /^electron\/build\//];
const SCANNED_EXTENSIONS = /\.(ts|js|mjs|cjs|html)$/;
/** AvailableSecurityFixesGlobalCheck asks for Electron's release list over the network (and reads
 *  any stale copy left in the temp folder); ElectronVersionJSONCheck only reports the version for
 *  it. Which Electron ships is package.json's, kept current by dependency updates. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

/** Findings in built third-party code, which carries no comment of ours. Each names its check, the
 *  file it is in, a fragment of the flagged code, and why it does not apply (SECURITY.md). */
const ACCEPTED_BUILT_FINDINGS = [
  {
    check: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: /^dist\/renderer\/assets\/[^/]+\.js$/,
    sample: 'r=setTimeout(a,e/n)',
    reason:
      "asciinema-player's demo driver passes setTimeout a function held in a variable the tool cannot resolve; " +
      "a string could not run anyway: the page's CSP has no 'unsafe-eval', so string timers, eval and Function throw",
  },
];

function engRequireFor() {
  const localRequire = createRequire(import.meta.url);
  const entry = localRequire.resolve('@doyensec/electronegativity');
  const engRequire = createRequire(entry);
  const gotPath = engRequire.resolve('got');
  const refuse = () => Promise.reject(new Error('the Electron audit runs offline'));
  localRequire.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(refuse, { default: refuse }) };
  // Built code uses class private fields, which estraverse does not know: walk unknown nodes by
  // their keys instead of giving up on the file.
  const estraverse = engRequire('estraverse-fb');
  const traverse = estraverse.traverse.bind(estraverse);
  estraverse.traverse = (tree, options) => traverse(tree, { fallback: 'iteration', ...options });
  return engRequire;
}

async function* filesUnder(folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** A .svelte file's script blocks, on their own lines (markup lines left empty, so line numbers hold). */
function svelteScripts(text) {
  let inScript = false;
  return text
    .split('\n')
    .map((line) => {
      if (!inScript && /^\s*<script\b[^>]*>\s*$/.test(line)) return (inScript = true), '';
      if (inScript && /^\s*<\/script>\s*$/.test(line)) return (inScript = false), '';
      return inScript ? line : '';
    })
    .join('\n');
}

/** Copies what ships into a folder the tool can walk (it walks node_modules too, slowly). */
async function stage() {
  const staged = await mkdtemp(join(tmpdir(), 'obx-electron-audit-'));
  await cp(join(ROOT, 'package.json'), join(staged, 'package.json'));
  for (const folder of SOURCE_FOLDERS) {
    for await (const path of filesUnder(join(ROOT, folder))) {
      const name = relative(ROOT, path).split(sep).join('/');
      if (NOT_SHIPPED.some((pattern) => pattern.test(name))) continue;
      if (name.endsWith('.svelte')) {
        await mkdir(dirname(join(staged, name)), { recursive: true });
        await writeFile(join(staged, `${name}.ts`), svelteScripts(await readFile(path, 'utf8')));
      } else if (SCANNED_EXTENSIONS.test(name)) {
        await cp(path, join(staged, name));
      }
    }
  }
  const built = join(ROOT, BUILT_PAGE_FOLDER);
  if (!(await stat(join(built, 'index.html')).catch(() => null))) {
    throw new Error(`${BUILT_PAGE_FOLDER}/index.html is missing: run \`npm run build\` first (the audit checks the built page too)`);
  }
  await cp(built, join(staged, BUILT_PAGE_FOLDER), { recursive: true, filter: (path) => !/\.(map|css|woff2?|png|svg|wasm)$/.test(path) });
  return staged;
}

function describe(issue) {
  return `${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column} — ${String(issue.sample ?? '').trim().slice(0, 160)}`;
}

async function main() {
  const engRequire = engRequireFor();
  const run = engRequire('./runner.js');
  const staged = await stage();
  try {
    const result = await run({
      input: staged,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      isVerbose: false,
      parserPlugins: [],
    });
    const problems = [];
    for (const error of result.errors.filter((error) => !error.tolerable)) {
      problems.push(`could not check ${relative(staged, error.file)}: ${error.message}`);
    }
    const used = new Set();
    for (const issue of result.issues) {
      const accepted = ACCEPTED_BUILT_FINDINGS.find(
        (entry) => entry.check === issue.id && entry.file.test(issue.file) && String(issue.sample ?? '').includes(entry.sample),
      );
      if (accepted) {
        used.add(accepted);
        console.log(`accepted: ${describe(issue)}\n  why: ${accepted.reason}`);
      } else {
        problems.push(`finding: ${describe(issue)}\n  ${issue.description} (${issue.shortenedURL})`);
      }
    }
    for (const entry of ACCEPTED_BUILT_FINDINGS.filter((entry) => !used.has(entry))) {
      problems.push(`an accepted finding no longer occurs (${entry.check}, '${entry.sample}'): remove it from ACCEPTED_BUILT_FINDINGS and SECURITY.md`);
    }
    console.log(`electronegativity: ${result.atomicChecks + result.globalChecks} checks over the shell, the page's sources and the built page`);
    if (problems.length > 0) {
      console.error(
        `${problems.length} problem(s):\n${problems.join('\n')}\n` +
          'Fix each finding, or, if it truly does not apply, suppress it where it stands (`// eng-disable CHECK_ID` with the reason) and explain it in SECURITY.md.',
      );
      process.exitCode = 1;
    } else {
      console.log('no unexplained findings');
    }
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

await main();
