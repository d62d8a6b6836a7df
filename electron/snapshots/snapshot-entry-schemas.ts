// What each JSON entry of a snapshot must look like to be opened. The essentials are checked (the
// fields a snapshot transport, the inventory and the views rely on to start); deeper shapes, such
// as a probe's model, are read by that probe's own code, as they are from a live lab. Objects are
// loose: a field added later within the same format version passes through unchanged.
import * as v from 'valibot';
import { ControllerEndpoint } from '../contract/payloads';

const NullableString = v.nullable(v.string());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Timestamp = v.pipe(v.string(), v.isoTimestamp('a time is an ISO 8601 timestamp, e.g. "2026-12-07T10:00:00.000Z"'));
const RouteKind = v.picklist(['controller', 'jump', 'juju-ssh']);
const ErrorValue = v.looseObject({ code: v.string(), message: v.string() });

export const MetaSchema = v.looseObject({
  formatVersion: v.pipe(v.number(), v.integer()),
  consoleVersion: v.string(),
  labName: v.pipe(v.string(), v.minLength(1, 'the lab has no name')),
  kind: v.picklist(['capture', 'demo'], 'the kind is "capture" or "demo"'),
  captureStartedAt: Timestamp,
  captureEndedAt: Timestamp,
});

export const LabSchema = v.looseObject({
  name: v.string(),
  controller: ControllerEndpoint,
  routes: v.record(v.string(), v.picklist(['jump', 'juju-ssh'])),
});

export const RoutesSchema = v.array(
  v.looseObject({
    machineId: v.string(),
    kind: RouteKind,
    label: v.string(),
    chosenBy: v.picklist(['auto', 'override']),
    note: NullableString,
  }),
);

export const CommandsSchema = v.array(
  v.looseObject({
    machineId: v.string(),
    argv: v.pipe(v.array(v.string()), v.minLength(1, 'a command has at least a program')),
    exitCode: v.nullable(v.pipe(v.number(), v.integer())),
    signal: NullableString,
    stdout: v.string(),
    stderr: v.string(),
    truncated: v.boolean(),
    invalidUtf8: v.boolean(),
    startedAt: v.string(),
    durationMs: v.number(),
  }),
);

export const InventorySchema = v.looseObject({
  labId: v.string(),
  refreshing: v.boolean(),
  refreshedAt: NullableString,
  lastRefreshMs: v.nullable(v.number()),
  machines: v.array(
    v.looseObject({
      id: v.string(),
      hostname: NullableString,
      address: NullableString,
      roles: v.array(v.string()),
      applications: v.array(v.string()),
      jujuState: NullableString,
      route: v.nullable(v.looseObject({ kind: RouteKind, label: v.string() })),
      routeError: v.nullable(ErrorValue),
    }),
  ),
  probes: v.array(
    v.looseObject({
      machineId: v.string(),
      probeId: v.string(),
      command: v.string(),
      startedAt: v.string(),
      durationMs: v.number(),
      status: v.picklist(['ok', 'partial', 'failed']),
      value: v.unknown(),
      format: NullableString,
      problems: v.array(v.looseObject({ line: v.nullable(v.number()), message: v.string() })),
      error: v.nullable(ErrorValue),
    }),
  ),
  links: v.looseObject({ containers: v.array(v.looseObject({ container: v.string(), machineId: v.string() })) }),
});

const PingRunRecordSchema = v.looseObject({
  started: v.looseObject({ runId: v.string(), kind: v.picklist(['ping', 'matrix']), cells: v.array(v.looseObject({ target: v.string() })), count: Count }),
  startedAt: v.string(),
  cells: v.array(v.looseObject({ state: v.picklist(['queued', 'running', 'done']), replies: v.array(v.unknown()), errors: v.array(v.string()) })),
});

export const DiagnosticsSchema = v.looseObject({
  ping: v.nullable(PingRunRecordSchema),
  matrix: v.nullable(PingRunRecordSchema),
});

/** recordings.json: where each recording's text is, and what it was called. */
export const RecordingIndexSchema = v.array(
  v.object({
    name: v.pipe(v.string(), v.minLength(1)),
    title: v.string(),
    entry: v.string(),
  }),
);
export type RecordingIndex = v.InferOutput<typeof RecordingIndexSchema>;
