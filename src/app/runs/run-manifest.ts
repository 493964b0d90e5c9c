/**
 * A run's manifest (DESIGN.md §8): every input a command read — its parsed input, each file by role, request and
 * SHA-256, the data snapshot and its per-series as-of, the engine version and the code's commit — recorded by
 * wrapping the ports the command runs with. The run id (the envelope's `inputsHash`) is the SHA-256 of the
 * manifest's canonical JSON, so the same inputs give the same id; the files' texts travel beside it, keyed by hash.
 */
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { ENGINE_VERSION } from '../engine-version.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { NetworkDataSnapshot } from '../ports/network-data.ts';
import type { RecordedFile, RunManifest } from '../ports/run-store.ts';

export interface RunRecorder {
  /** The ports to run the command with: the given ones, recording what is read. */
  ports: AppPorts;
  /** The manifest and the texts of the files read (by SHA-256), once the command has run. */
  finish(
    command: string,
    input: Record<string, unknown>,
    asOf: string,
    dataAsOf: Record<string, string>,
  ): { manifest: RunManifest; texts: Map<string, string>; id: string };
  /** The data snapshot the command loaded, if it loaded one. */
  snapshot(): NetworkDataSnapshot | undefined;
}

export function recordRun(ports: AppPorts): RunRecorder {
  const files = new Map<string, RecordedFile>();
  const texts = new Map<string, string>();
  let coverage: string[] | null = null;
  let snapshot: NetworkDataSnapshot | undefined;
  const record = (entry: RecordedFile, text: string) => {
    files.set(`${entry.role} ${entry.request} ${entry.file}`, entry);
    texts.set(entry.sha256, text);
  };

  const recording: AppPorts = {
    ...ports,
    network: {
      async loadNetwork() {
        snapshot = await ports.network.loadNetwork();
        return snapshot;
      },
      loadSnapshot: (snapshotId) => ports.network.loadSnapshot(snapshotId),
    },
    coverage: {
      async tickers() {
        coverage = await ports.coverage.tickers();
        return coverage;
      },
      async load(ticker, field) {
        const loaded = await ports.coverage.load(ticker, field);
        record({ role: 'company', request: ticker, file: loaded.file, sha256: loaded.sha256 }, loaded.text);
        return loaded;
      },
    },
    scenarios: {
      async list() {
        const all = await ports.scenarios.list();
        for (const loaded of all)
          record(
            {
              role: 'scenario',
              request: loaded.scenario.name,
              file: loaded.file,
              sha256: loaded.sha256,
              builtIn: loaded.builtIn,
            },
            loaded.text ?? '',
          );
        return all;
      },
      async load(nameOrPath) {
        const loaded = await ports.scenarios.load(nameOrPath);
        record(
          { role: 'scenario', request: nameOrPath, file: loaded.file, sha256: loaded.sha256, builtIn: loaded.builtIn },
          loaded.text ?? '',
        );
        return loaded;
      },
      async readForwardCurve(path, relativeToFile) {
        const curve = await ports.scenarios.readForwardCurve(path, relativeToFile);
        record(
          { role: 'curve', request: path, file: curve.file, sha256: curve.sha256, relativeTo: relativeToFile ?? '' },
          curve.text,
        );
        return curve;
      },
    },
    methodologies: {
      async list() {
        const all = await ports.methodologies.list();
        for (const loaded of all)
          record(
            {
              role: 'methodology',
              request: loaded.methodology.name,
              file: loaded.file,
              sha256: loaded.sha256,
              builtIn: loaded.builtIn,
            },
            loaded.text,
          );
        return all;
      },
      async load(nameOrPath) {
        const loaded = await ports.methodologies.load(nameOrPath);
        record(
          {
            role: 'methodology',
            request: nameOrPath,
            file: loaded.file,
            sha256: loaded.sha256,
            builtIn: loaded.builtIn,
          },
          loaded.text,
        );
        return loaded;
      },
    },
    reported: {
      async embedded() {
        const loaded = await ports.reported.embedded();
        for (const f of loaded.files)
          record({ role: 'reported', request: 'embedded', file: f.file, sha256: f.sha256 }, f.text);
        return loaded;
      },
      async load(path, field) {
        const loaded = await ports.reported.load(path, field);
        for (const f of loaded.files)
          record({ role: 'reported', request: path, file: f.file, sha256: f.sha256 }, f.text);
        return loaded;
      },
    },
  };

  return {
    ports: recording,
    finish(command, input, asOf, dataAsOf) {
      const order = (f: RecordedFile) => `${f.role} ${f.request} ${f.file}`;
      const manifest: RunManifest = {
        command,
        input,
        asOf,
        files: [...files.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)),
        coverage,
        data: { snapshotId: snapshot?.snapshotId ?? null, dataAsOf },
        engineVersion: ENGINE_VERSION,
        codeCommit: ports.build.codeCommit,
        seed: typeof input['seed'] === 'number' ? input['seed'] : null,
      };
      return { manifest, texts, id: runIdOf(manifest) };
    },
    snapshot: () => snapshot,
  };
}

/** The scenario and methodology a run asked for, as given (null where the command takes none). */
export function namedInputs(manifest: RunManifest): { scenario: string | null; methodology: string | null } {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { scenario: text(manifest.input['scenario']), methodology: text(manifest.input['methodology']) };
}

/** The run id: SHA-256 of the manifest's canonical JSON. */
export function runIdOf(manifest: RunManifest): string {
  return sha256Hex(canonicalJson(manifest));
}
