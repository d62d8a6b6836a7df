// "Export for support" from the UI: a support bundle of the lab shown. A live lab is read once
// first (through the core's own link and routes, as Save snapshot does); a snapshot shown (the demo
// included) is exported as it is. The bundle goes where the engineer says; with obfuscation, the
// mapping back goes beside it, never inside.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { ConsoleError } from '../contract/console-errors';
import type { LatestPingRuns } from '../contract/diagnostics';
import type { SnapshotContent } from '../contract/snapshot';
import type { SupportBundleExported, SupportBundleProgress, SupportBundleStep } from '../contract/support-bundle';
import { captureSnapshot } from '../snapshots/capture';
import { checkBundleTargets, mappingPathFor, writeSupportBundle } from '../snapshots/support-bundle/support-bundle';
import { expandHome } from '../ssh-config/ssh-config-file';
import type { RequestHandlers } from './request-dispatcher';
import { DEFAULT_SNAPSHOT_FOLDER_NAME, timePart, type CaptureSource } from './snapshot-handlers';

/** The default folder holds customers' lab details: owner-only, like the files in it. */
const BUNDLE_FOLDER_MODE = 0o700;

export interface SupportBundleHandlerOptions {
  /** The snapshot shown (the demo included), or null when the lab shown is live or there is none. */
  shown(): { content: SnapshotContent; demo: boolean } | null;
  /** The live lab to read, or why there is none (asked only when no snapshot is shown). */
  live(): CaptureSource;
  latestPingRuns(): LatestPingRuns;
  onProgress(progress: SupportBundleProgress): void;
  home: string;
  now?: () => Date;
}

type SupportBundleRequests = 'supportBundles.export' | 'supportBundles.suggestPath';

export function createSupportBundleHandlers(options: SupportBundleHandlerOptions): { handlers: Pick<RequestHandlers, SupportBundleRequests> } {
  const now = options.now ?? (() => new Date());
  const defaultFolder = join(options.home, DEFAULT_SNAPSHOT_FOLDER_NAME);
  /** One export at a time: a second would read the same lab over the same link for nothing. */
  let exporting: string | null = null;

  const exportBundle = async (path: string, obfuscate: boolean): Promise<SupportBundleExported> => {
    if (exporting) throw new ConsoleError('snapshot-unwritable', `a support bundle is already being exported (to ${exporting}); wait for it to finish`);
    const shown = options.shown();
    const live = shown ? null : options.live();
    if (live && !live.live) throw live.refusal;
    exporting = path;
    const started = performance.now();
    const report = (step: SupportBundleStep, capture: SupportBundleProgress['capture'] = null) =>
      options.onProgress({ path, step, capture, elapsedMs: Math.round(performance.now() - started) });
    try {
      if (dirname(path) === defaultFolder) await mkdir(defaultFolder, { recursive: true, mode: BUNDLE_FOLDER_MODE });
      // Said before a live read that takes seconds: nothing is overwritten, the folder must exist.
      await checkBundleTargets(path, obfuscate ? mappingPathFor(path) : null);
      let content: SnapshotContent;
      if (shown) content = shown.content;
      else {
        const source = live as Extract<CaptureSource, { live: true }>;
        report('reading-lab');
        content = await captureSnapshot({
          lab: source.lab,
          controller: source.controller,
          routeContext: source.routeContext,
          routeChoice: source.routeChoice,
          ...(source.openRoute ? { openRoute: source.openRoute } : {}),
          diagnostics: options.latestPingRuns(),
          onProgress: (progress) => report('reading-lab', progress),
        });
      }
      const written = await writeSupportBundle(path, content, { obfuscate, onStep: (step) => report(step), now });
      return {
        path,
        mappingPath: written.mappingPath,
        bundleLabName: written.content.meta.labName,
        source: shown ? (shown.demo ? 'demo' : 'snapshot') : 'live',
        bytes: written.bytes,
        machines: written.content.inventory.machines.length,
        commands: written.content.commands.length,
        recordings: written.content.recordings.length,
        masked: written.masked,
        maskedByExport: written.maskedByExport,
        maskedWhere: written.maskedWhere,
        obfuscation: written.obfuscation,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      exporting = null;
    }
  };

  return {
    handlers: {
      'supportBundles.export': ({ path, obfuscate }) => exportBundle(resolvePath(expandHome(path, options.home)), obfuscate),
      // Without the lab's name: the file's name travels with an obfuscated bundle too.
      'supportBundles.suggestPath': () => join(defaultFolder, `support-bundle-${timePart(now())}.obxsnap`),
    },
  };
}
