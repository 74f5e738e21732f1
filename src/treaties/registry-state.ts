// The computed registry, kept in memory and rebuilt when the stored version changes. The engine is fast
// (all four instruments in a few milliseconds) but reads are far more frequent than writes, and the
// public status endpoint must answer near the speed of a bare route: rendered answers are memoised per
// version, so a repeated read costs a version check and a map lookup.
import type { Store } from '../db/database.ts';
import { computeRegistry } from './domain/engine.ts';
import { bearsOnStatus } from './domain/types.ts';
import type { InstrumentComputation, ParticipantRef, RegistryAction } from './domain/types.ts';
import {
  listDevelopmentClasses,
  listInstruments,
  listParticipants,
  loadEffectiveActions,
  readVersion,
  type DevelopmentClass,
  type Instrument,
  type Participant,
} from './repository.ts';

export interface RegistrySnapshot {
  version: string;
  instruments: Instrument[];
  instrumentsById: Map<string, Instrument>;
  participants: Participant[];
  participantsById: Map<string, Participant>;
  developmentClasses: Map<string, DevelopmentClass[]>;
  actions: RegistryAction[];
  computations: Map<string, InstrumentComputation>;
  /** Rendered answers for this version (e.g. status JSON per instrument and date). */
  rendered: Map<string, unknown>;
}

const MAX_RENDERED = 2_000;

export class RegistryState {
  private snapshotPromise: Promise<RegistrySnapshot> | null = null;
  /** The snapshot `snapshotPromise` resolved to, once it has (null while a build is in flight). */
  private resolved: RegistrySnapshot | null = null;
  private checkedAt = 0;
  private readonly versionStatement: { get(): unknown } | null;

  constructor(
    private readonly store: Store,
    /**
     * How long a write by another process may stay unseen, in ms. Writes of this process are seen at once
     * (they call invalidate()); the stored version is read at most this often, not on every request.
     */
    private readonly crossProcessStalenessMs = 100,
  ) {
    this.versionStatement = store.sqlite
      ? store.sqlite.prepare("select value from registry_meta where key = 'version'").pluck()
      : null;
  }

  /** Forget the snapshot: the next read rebuilds it. Called after every write of this process. */
  invalidate(): void {
    this.snapshotPromise = null;
    this.resolved = null;
  }

  /**
   * One action was recorded by this process, in the transaction that set the stored version to `version`.
   * When the snapshot in memory is the one just before (no other write, of this process or another, came
   * between), the next snapshot is that one plus the action: no reload of every action and no recomputation
   * of the four instruments, so a write costs the same with 1,000 actions stored or 100,000. A statement by
   * a participant that already has a record changes no date; anything else recomputes from memory.
   * Otherwise (a build in flight, another writer first), the snapshot is simply dropped, as before.
   */
  applyRecorded(version: string, action: RegistryAction): void {
    const base = this.resolved;
    if (!base || this.snapshotPromise === null || !isNextVersion(base.version, version)) {
      this.invalidate();
      return;
    }
    const actions = [...base.actions, action];
    const computation = base.computations.get(action.instrumentId);
    const unchanged =
      !bearsOnStatus(action.kind) &&
      computation !== undefined &&
      computation.parties.has(action.participantId);
    const next: RegistrySnapshot = {
      ...base,
      version,
      actions,
      computations: unchanged
        ? base.computations
        : computeRegistry(base.instruments, actions, refsOf(base.participants)),
      rendered: new Map(),
    };
    this.resolved = next;
    this.snapshotPromise = Promise.resolve(next);
    this.checkedAt = Date.now();
  }

  private async storedVersion(): Promise<string> {
    if (this.versionStatement) return String(this.versionStatement.get() ?? '0');
    return readVersion(this.store.db);
  }

  /** Whether `snap` is still the stored registry (no write of any process since it was built). */
  async isCurrent(snap: RegistrySnapshot): Promise<boolean> {
    return (await this.storedVersion()) === snap.version;
  }

  /**
   * The snapshot, at once, when one is built and its version was checked within the staleness window;
   * otherwise null, and the caller awaits `snapshot()`. Saves the hot reads a promise and a turn of the queue.
   */
  current(): RegistrySnapshot | null {
    if (this.resolved === null || this.snapshotPromise === null) return null;
    return Date.now() - this.checkedAt < this.crossProcessStalenessMs ? this.resolved : null;
  }

  async snapshot(): Promise<RegistrySnapshot> {
    const current = this.snapshotPromise;
    if (current) {
      const now = Date.now();
      if (now - this.checkedAt < this.crossProcessStalenessMs) return current;
      this.checkedAt = now;
      const snap = await current;
      if ((await this.storedVersion()) === snap.version) return snap;
      if (this.snapshotPromise !== current) return this.snapshot();
    }
    const fresh = this.build();
    this.snapshotPromise = fresh;
    this.resolved = null;
    this.checkedAt = Date.now();
    fresh.then(
      (snap) => {
        if (this.snapshotPromise === fresh) this.resolved = snap;
      },
      () => {
        if (this.snapshotPromise === fresh) this.snapshotPromise = null;
      },
    );
    return fresh;
  }

  private async build(): Promise<RegistrySnapshot> {
    const db = this.store.db;
    const version = await readVersion(db);
    const [instruments, participants, classes, actions] = await Promise.all([
      listInstruments(db),
      listParticipants(db),
      listDevelopmentClasses(db),
      loadEffectiveActions(db),
    ]);
    const refs = refsOf(participants);
    const developmentClasses = new Map<string, DevelopmentClass[]>();
    for (const c of classes) {
      const list = developmentClasses.get(c.participantId) ?? [];
      list.push(c);
      developmentClasses.set(c.participantId, list);
    }
    return {
      version,
      instruments,
      instrumentsById: new Map(instruments.map((i) => [i.id, i])),
      participants,
      participantsById: new Map(participants.map((p) => [p.id, p])),
      developmentClasses,
      actions,
      computations: computeRegistry(instruments, actions, refs),
      rendered: new Map(),
    };
  }
}

function refsOf(participants: readonly Participant[]): Map<string, ParticipantRef> {
  return new Map(participants.map((p) => [p.id, { id: p.id, name: p.name, kind: p.kind }]));
}

/** Versions are integers counted up by one per write (repository.bumpVersion). */
function isNextVersion(before: string, after: string): boolean {
  return /^\d+$/.test(before) && /^\d+$/.test(after) && BigInt(after) === BigInt(before) + 1n;
}

/** Memoises a rendered answer on the snapshot it was computed from. */
export function memo<T>(snapshot: RegistrySnapshot, key: string, render: () => T): T {
  const hit = snapshot.rendered.get(key);
  if (hit !== undefined) return hit as T;
  const value = render();
  if (snapshot.rendered.size >= MAX_RENDERED) snapshot.rendered.clear();
  snapshot.rendered.set(key, value);
  return value;
}
