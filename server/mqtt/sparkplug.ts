import { and, eq, SQL, sql } from 'drizzle-orm';
import { createRequire } from 'node:module';
import type { Db } from '../../db/client.ts';
import { dataSources, sparkplugMappings, sparkplugNodes, type SparkplugMetricNames } from '../../db/schema/index.ts';
import { checkSourceFreshness } from '../dataSources/index.ts';
import { ingestEvents, type IngestSettings } from '../events/index.ts';
import { resolveStations, sourceFor, sourcesOfSites } from '../events/stations.ts';

/**
 * A Sparkplug B 3.0 host: it follows `spBv1.0/{group}/{NBIRTH|NDATA|NDEATH|DBIRTH|DDATA|DDEATH}/{edge node}[/{device}]`,
 * learns metric names and aliases from the births, checks `seq` (0–255, wrapping; a gap is counted),
 * turns the mapped metrics of data messages into machine events, and on an NDEATH whose bdSeq
 * matches the last NBIRTH (or a DDEATH) marks the node's stations offline and their data sources
 * stale at once, with the host's receive time and the reason.
 */

type Long = { toNumber(): number };
interface Metric {
  name?: string | null;
  alias?: number | Long | null;
  timestamp?: number | Long | null;
  value: unknown;
  isNull?: boolean | null;
}
interface Payload {
  timestamp?: number | Long | null;
  seq?: number | Long | null;
  metrics?: Metric[] | null;
}

// sparkplug-payload is CommonJS; its protobuf decoder returns 64-bit integers as `Long` objects.
const decoder = (createRequire(import.meta.url)('sparkplug-payload') as { get(ns: string): { decodePayload(b: Uint8Array): Payload } }).get(
  'spBv1.0',
);

/** A number from a Sparkplug value: 64-bit integers come back as Long objects. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value && typeof value === 'object' && 'toNumber' in value && typeof (value as Long).toNumber === 'function')
    return (value as Long).toNumber();
  return undefined;
}

export interface SparkplugTopic {
  group: string;
  type: 'NBIRTH' | 'NDATA' | 'NDEATH' | 'DBIRTH' | 'DDATA' | 'DDEATH';
  edgeNode: string;
  device: string;
}

const TYPES = new Set(['NBIRTH', 'NDATA', 'NDEATH', 'DBIRTH', 'DDATA', 'DDEATH']);

export function parseSparkplugTopic(topic: string): SparkplugTopic | undefined {
  const parts = topic.split('/');
  if (parts[0] !== 'spBv1.0' || parts.length < 4 || parts.length > 5 || !TYPES.has(parts[2])) return undefined;
  const device = parts[4] ?? '';
  if (parts[2].startsWith('D') !== (device !== '')) return undefined;
  return { group: parts[1], type: parts[2] as SparkplugTopic['type'], edgeNode: parts[3], device };
}

interface NodeState {
  bdSeq: number | null;
  lastSeq: number | null;
  gaps: number;
  /** Metric names by alias, per device ('' for the node). */
  aliases: Map<string, Map<number, string>>;
  /** The last value of each counter metric, per device, to turn counts into cycles. */
  counters: Map<string, number>;
}

export interface SparkplugStats {
  messages: number;
  births: number;
  deaths: number;
  staleDeathsIgnored: number;
  seqGaps: number;
  malformed: number;
  unmapped: number;
}

export class SparkplugHost {
  readonly stats: SparkplugStats = { messages: 0, births: 0, deaths: 0, staleDeathsIgnored: 0, seqGaps: 0, malformed: 0, unmapped: 0 };
  private readonly nodes = new Map<string, NodeState>();

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly ingest: IngestSettings,
  ) {}

  private node(t: SparkplugTopic): NodeState {
    const key = `${t.group}/${t.edgeNode}`;
    let n = this.nodes.get(key);
    if (!n) {
      n = { bdSeq: null, lastSeq: null, gaps: 0, aliases: new Map(), counters: new Map() };
      this.nodes.set(key, n);
    }
    return n;
  }

  /** Handles one message; the caller acknowledges it once this resolves. */
  async handle(topic: SparkplugTopic, payloadBytes: Uint8Array): Promise<void> {
    this.stats.messages++;
    const receivedAt = this.clock();
    let payload: Payload;
    try {
      payload = decoder.decodePayload(payloadBytes);
    } catch {
      this.stats.malformed++;
      return;
    }
    const node = this.node(topic);
    const metrics = payload.metrics ?? [];
    if (topic.type === 'NDEATH') {
      // The Will carries the bdSeq of the session it ends; an older session's death is stale.
      const bdSeq = numberOf(metrics.find((m) => m.name === 'bdSeq')?.value);
      if (bdSeq === undefined || bdSeq !== node.bdSeq) {
        this.stats.staleDeathsIgnored++;
        return;
      }
      await this.died(topic, null, receivedAt, `Sparkplug NDEATH of edge node ${topic.group}/${topic.edgeNode} (bdSeq ${bdSeq})`);
      this.stats.deaths++;
      return;
    }
    const seq = numberOf(payload.seq);
    if (topic.type === 'NBIRTH' || topic.type === 'DBIRTH') this.stats.births++;
    if (topic.type === 'NBIRTH') {
      node.bdSeq = numberOf(metrics.find((m) => m.name === 'bdSeq')?.value) ?? null;
      node.aliases.clear();
      node.counters.clear();
      node.lastSeq = seq ?? 0;
      await this.recordNode(topic, { online: true, lastBirthAt: receivedAt, offlineDevices: [] });
    } else if (seq !== undefined) {
      const expected = node.lastSeq === null ? null : (node.lastSeq + 1) % 256;
      if (expected !== null && seq !== expected) {
        node.gaps++;
        this.stats.seqGaps++;
      }
      node.lastSeq = seq;
    }
    if (topic.type === 'DDEATH') {
      await this.died(topic, topic.device, receivedAt, `Sparkplug DDEATH of device ${topic.group}/${topic.edgeNode}/${topic.device}`);
      return;
    }
    const aliases = node.aliases.get(topic.device) ?? new Map<number, string>();
    if (topic.type === 'NBIRTH' || topic.type === 'DBIRTH') {
      aliases.clear();
      for (const m of metrics) {
        const alias = numberOf(m.alias);
        if (alias !== undefined && m.name) aliases.set(alias, m.name);
      }
      node.aliases.set(topic.device, aliases);
      if (topic.type === 'DBIRTH') await this.deviceBack(topic);
    }
    const named = metrics.map((m) => ({ ...m, name: m.name ?? aliases.get(numberOf(m.alias) ?? -1) ?? null }));
    await this.toEvents(topic, node, named, seq ?? 0, numberOf(payload.timestamp) ?? receivedAt.getTime(), topic.type.endsWith('BIRTH'));
    await this.recordNode(topic, { seqGaps: node.gaps, lastSeq: node.lastSeq, bdSeq: node.bdSeq });
  }

  /** Turns the mapped metrics of a birth or data message into events of their stations. */
  private async toEvents(topic: SparkplugTopic, node: NodeState, metrics: Metric[], seq: number, payloadTs: number, birth: boolean) {
    const mappings = await this.mappingsOf(topic, topic.device);
    if (!mappings.length) {
      this.stats.unmapped++;
      return;
    }
    const events: Record<string, unknown>[] = [];
    for (const mapping of mappings) {
      const names: SparkplugMetricNames = mapping.metrics;
      const byName = new Map(metrics.filter((m) => m.name && !m.isNull).map((m) => [m.name!, m]));
      const tsOf = (m: Metric) => new Date(numberOf(m.timestamp) ?? payloadTs).toISOString();
      const id = (what: string) => `sp:${node.bdSeq ?? 0}:${seq}:${what}`;
      const base = { station: mapping.stationId };
      const state = names.state ? byName.get(names.state) : undefined;
      if (state) {
        const value = numberOf(state.value) ?? state.value;
        events.push({ ...base, id: id('state'), kind: 'state', ts: tsOf(state), state: value });
      }
      const cycle = names.cycleSeconds ? byName.get(names.cycleSeconds) : undefined;
      const counted = (name: string | undefined): { delta: number; m: Metric } | undefined => {
        const m = name ? byName.get(name) : undefined;
        const value = m ? numberOf(m.value) : undefined;
        if (!m || value === undefined) return undefined;
        const key = `${topic.device}/${name}`;
        const last = node.counters.get(key);
        node.counters.set(key, value);
        // A birth only tells where the counter stands; a counter that went back was reset.
        if (birth || last === undefined) return undefined;
        return { delta: value >= last ? value - last : value, m };
      };
      const good = counted(names.good);
      const scrap = counted(names.scrap);
      if ((good && good.delta > 0) || (scrap && scrap.delta > 0)) {
        const m = (good ?? scrap)!.m;
        events.push({
          ...base,
          id: id('cycle'),
          kind: 'cycle',
          ts: tsOf(m),
          good: good?.delta ?? 0,
          scrap: scrap?.delta ?? 0,
          ...(cycle && numberOf(cycle.value) ? { cycleSeconds: numberOf(cycle.value) } : {}),
        });
      } else if (cycle && !names.good && !birth && numberOf(cycle.value)) {
        // Without a counter, each cycle-time report is one good part.
        events.push({ ...base, id: id('cycle'), kind: 'cycle', ts: tsOf(cycle), cycleSeconds: numberOf(cycle.value) });
      }
      for (const [what, field] of [
        ['kw', 'kw'],
        ['kwh', 'kwh'],
      ] as const) {
        const m = names[what] ? byName.get(names[what]!) : undefined;
        if (m && numberOf(m.value) !== undefined)
          events.push({ ...base, id: id(what), kind: 'energy', ts: tsOf(m), [field]: numberOf(m.value) });
      }
      const buffer = names.buffer ? byName.get(names.buffer) : undefined;
      if (buffer && numberOf(buffer.value) !== undefined) {
        events.push({
          ...base,
          id: id('buffer'),
          kind: 'buffer',
          ts: tsOf(buffer),
          level: Math.max(0, Math.round(numberOf(buffer.value)!)),
        });
      }
    }
    if (events.length) await ingestEvents(this.db, { siteIds: null }, events, this.clock(), this.ingest);
  }

  /** The mappings of an edge node's device ('' for the node itself), or of the node and all its devices (null). */
  private mappingsOf(topic: SparkplugTopic, device: string | null) {
    return this.db
      .select()
      .from(sparkplugMappings)
      .where(
        and(
          eq(sparkplugMappings.groupId, topic.group),
          eq(sparkplugMappings.edgeNode, topic.edgeNode),
          device === null ? undefined : eq(sparkplugMappings.device, device),
        ),
      );
  }

  /** An edge node (device null) or a device died: its stations go offline and their sources stale, now. */
  private async died(topic: SparkplugTopic, device: string | null, at: Date, reason: string) {
    const mappings = await this.mappingsOf(topic, device);
    const stationIds = [...new Set(mappings.map((m) => m.stationId))];
    if (stationIds.length) {
      await ingestEvents(
        this.db,
        { siteIds: null },
        stationIds.map((station) => ({
          id: `sp-death:${device ?? ''}:${at.getTime()}`,
          kind: 'state',
          station,
          ts: at.toISOString(),
          state: 'offline',
        })),
        at,
        this.ingest,
      );
      const targets = await resolveStations(this.db, stationIds, null);
      const sources = await sourcesOfSites(this.db, [...new Set([...targets.values()].map((s) => s.siteId))]);
      const sourceIds = new Set(
        [...targets.values()].map((s) => sourceFor(sources, s, null)?.id).filter((id): id is string => Boolean(id)),
      );
      await this.db.transaction(async (tx) => {
        for (const id of [...sourceIds].sort()) {
          const [after] = await tx
            .update(dataSources)
            .set({ lastQuality: 'bad', lastQualityNote: `${reason} at ${at.toISOString()}`, lastReceivedAt: at, updatedAt: at })
            .where(eq(dataSources.id, id))
            .returning();
          if (after) await checkSourceFreshness({ tx: tx as never, actor: null, now: at }, after);
        }
      });
    }
    if (device === null) await this.recordNode(topic, { online: false, lastDeathAt: at });
    else
      await this.recordNode(topic, {
        offlineDevices:
          sql`(select coalesce(jsonb_agg(distinct d), '[]'::jsonb) from jsonb_array_elements_text(${sparkplugNodes.offlineDevices} || ${JSON.stringify([device])}::jsonb) d)` as never,
      });
  }

  private async deviceBack(topic: SparkplugTopic) {
    await this.recordNode(topic, { offlineDevices: sql`${sparkplugNodes.offlineDevices} - ${topic.device}::text` as never });
  }

  private async recordNode(topic: SparkplugTopic, set: Partial<typeof sparkplugNodes.$inferInsert>) {
    const now = this.clock();
    // A node first heard of is inserted with the plain values; expressions apply to a stored row.
    const plain = Object.fromEntries(Object.entries(set).filter(([, v]) => !(v instanceof SQL)));
    await this.db
      .insert(sparkplugNodes)
      .values({ groupId: topic.group, edgeNode: topic.edgeNode, online: true, offlineDevices: [], updatedAt: now, ...plain } as never)
      .onConflictDoUpdate({ target: [sparkplugNodes.groupId, sparkplugNodes.edgeNode], set: { ...set, updatedAt: now } });
  }
}
