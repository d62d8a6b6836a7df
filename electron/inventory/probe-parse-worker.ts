// The parsing worker (bundled as dist/node/probe-parse-worker.js): a thread of the core's process
// that runs a probe's own parser on its output, so a big or hostile output never holds the core's
// thread (terminals' output, every request) while it is read. The pool (probe-parse-pool.ts)
// bounds each parse in time and replaces this thread when it stops one.
import { parentPort } from 'node:worker_threads';
import { describeError } from '../probes/parsers/parse-result';
import { nullPrototypePlaces } from '../probes/parsers/null-prototype-records';
import { catalogProbeById } from './catalog-probe-by-id';
import type { ParseAnswer, ParseRequest } from './probe-parse-messages';

const port = parentPort;
if (!port) throw new Error('probe-parse-worker runs as a worker thread of the console core');

port.on('message', ({ jobId, probeId, text }: ParseRequest) => {
  const probe = catalogProbeById(probeId);
  let answer: ParseAnswer;
  if (!probe) answer = { jobId, failure: `no probe "${probeId}" in the catalog` };
  else {
    try {
      const result = probe.parse(text);
      answer = { jobId, result, nullPrototypes: nullPrototypePlaces(result) };
    } catch (error) {
      answer = { jobId, failure: describeError(error) };
    }
  }
  port.postMessage(answer);
});
