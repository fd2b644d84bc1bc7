import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_CHANGED_CHANNEL } from '../../src/serving/response-cache/change-listener.js';
import { Scope } from '../../src/services/api-keys/api-key.service.js';
import { eventually } from '../support/eventually.js';
import { metricValue, metricValues } from '../support/metrics.js';
import { npmStart, type NpmStartServer } from '../support/npm-start.js';
import { postGraphQL } from '../support/processes.js';
import { deleteKeys, MACHINE_REDIS_URL, startRedisServer, uniqueKeyPrefix, type RedisServer } from '../support/redis.js';
import { startReplicaCluster, statementsSince, withApplicationName, type ReplicaCluster } from '../support/replica-cluster.js';
import * as market from '../support/replica-market.js';
import { subscribe, subscriptionClient } from '../support/subscriptions.js';

// Issue #17, every part at once: paygraph instances started as a user starts them (`npm start`,
// production), each over one PostgreSQL primary and a real streaming replica of it (servers of
// this test's own), all sharing one Redis. Each instance names its connections ("paygraph-a"…)
// and both servers log every statement with that name, so the logs say which database answered
// what; /metrics says where each query operation ran (paygraph_db_reads_total).

/** `{ countries { code } }`: 1 + 100 countries × 1 field. */
const COUNTRIES_COST = 101;
/** Each API key's budget per window (RATE_LIMIT_POINTS_WITH_KEY): ten such queries; the few imports here stay well within it. */
const KEY_BUDGET = 10 * COUNTRIES_COST;
/** How late the replica replays each commit while a test keeps it behind the primary. */
const REPLAY_DELAY_MS = 3000;
const HITS = 'paygraph_response_cache_lookups_total{result="hit"}';
const MARKET_UPDATED = `subscription Updates($country: String!, $role: String!, $level: ExperienceLevel) {
  marketUpdated(countryCode: $country, roleSlug: $role, level: $level) { level sampleSize }
}`;

interface Instance {
  /** Its connections' application_name. */
  name: string;
  /** A, B…: for operation names of its own. */
  letter: string;
  url: string;
  process: NpmStartServer;
}

let cluster: ReplicaCluster;
let writerKey: string;
let readerKey: string;
let replicaLabel: string;

/** A user's production environment for one instance: the primary, the replica, Redis, a small budget per API key. */
function environment(name: string, redis: { url: string; keyPrefix: string }) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: withApplicationName(cluster.primary.url, name),
    DATABASE_REPLICA_URLS: withApplicationName(cluster.replica.url, name),
    // Far beyond any lag here: only announced writes keep reads off the lagging replica.
    DATABASE_REPLICA_MAX_LAG_MS: '60000',
    DATABASE_REPLICA_CHECK_MS: '100',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    RESPONSE_CACHE: 'redis',
    RATE_LIMIT_POINTS_WITH_KEY: String(KEY_BUDGET),
  };
}

/** `npm start` once per name, all at once; if any fails, the others are stopped too. */
async function startInstances(names: string[], redis: { url: string; keyPrefix: string }): Promise<Instance[]> {
  const starts = await Promise.allSettled(names.map((name) => npmStart(environment(name, redis))));
  const failed = starts.find((start) => start.status === 'rejected');
  if (failed) {
    await Promise.all(starts.map((start) => (start.status === 'fulfilled' ? start.value.stop() : undefined)));
    throw failed.reason;
  }
  return starts.map((start, i) => {
    const process = (start as PromiseFulfilledResult<NpmStartServer>).value;
    return { name: names[i]!, letter: names[i]!.slice(-1).toUpperCase(), url: `${process.origin}/graphql`, process };
  });
}

/** Stops each instance as Ctrl-C does; the exit codes. */
const stopInstances = (instances: Instance[]) => Promise.all(instances.map((instance) => instance.process.stop()));

type Source = 'cache' | 'primary' | 'replica';
/** The market's sample size as `instance` answers `operationName`, and what answered: its response cache, or the database the query ran on. */
async function answer(instance: Instance, operationName: string): Promise<{ instance: string; operationName: string; sampleSize: number; source: Source }> {
  const samples = ['primary', replicaLabel].map((database) => `paygraph_db_reads_total{database="${database}"}`);
  const [primaryBefore, replicaBefore] = await metricValues(instance.url, samples);
  const { sampleSize, cached } = await market.promptEngineerSampleSize(instance.url, operationName);
  const [primaryAfter, replicaAfter] = await metricValues(instance.url, samples);
  // Requests to one instance go one at a time here: the counts moved for this one alone.
  const source = cached ? 'cache' : primaryAfter! - primaryBefore! === 1 && replicaAfter === replicaBefore ? 'primary' : 'replica';
  if (source === 'replica') expect([primaryAfter! - primaryBefore!, replicaAfter! - replicaBefore!]).toEqual([0, 1]);
  return { instance: instance.name, operationName, sampleSize, source };
}

const readsReachTheReplica = (instance: Instance) => market.readsReachTheReplica(instance.url, cluster.replica, instance.name);
const replicaMetric = (instance: Instance, name: string) => metricValue(instance.url, `${name}{replica="${replicaLabel}"}`);

async function readyz(instance: Instance) {
  const response = await fetch(instance.url.replace(/graphql$/, 'readyz'));
  return { status: response.status, body: await response.json() };
}

/** `{ countries { code } }` with the reader's API key: its status and budget headers. */
async function asReader(instance: Instance) {
  const { status, headers, body } = await postGraphQL(instance.url, '{ countries { code } }', {}, { authorization: `Bearer ${readerKey}` });
  return { status, remaining: headers.get('ratelimit-remaining'), code: body.errors?.[0]?.extensions?.code };
}

/** How many of the instance's log lines (pino JSON) have a message matching `pattern`. */
const logged = (instance: Instance, pattern: RegExp) => instance.process.output().split('\n').filter((line) => line.startsWith('{"level"') && pattern.test(JSON.parse(line).msg)).length;

beforeAll(async () => {
  cluster = await startReplicaCluster(async (primaryUrl) => {
    [writerKey, readerKey] = await market.preparePrimary(primaryUrl, [
      { name: 'survey partner', scopes: [Scope.OBSERVATIONS_WRITE] },
      { name: 'reader', scopes: [] },
    ]);
  });
  replicaLabel = `127.0.0.1:${cluster.replica.port}/paygraph`;
});

afterAll(async () => {
  await cluster?.close();
});

describe('two instances over a primary, a lagging replica and the machine’s Redis', { timeout: 60_000 }, () => {
  const redisSettings = { url: MACHINE_REDIS_URL, keyPrefix: uniqueKeyPrefix() };
  const generationKey = `${redisSettings.keyPrefix}response-cache:generation`;
  const redis = new Redis(MACHINE_REDIS_URL);
  const clients: Client[] = [];
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    [a, b] = await startInstances(['paygraph-a', 'paygraph-b'], redisSettings);
    // The market exists (a subscription to an unknown one is refused), on the replica too.
    const created = await market.importPromptEngineers(a.url, writerKey, ['1', '2', '3']);
    expect(created.body.data.importObservations).toMatchObject({ imported: 3 });
    await cluster.replica.caughtUp();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stopInstances([a, b].filter(Boolean));
    await deleteKeys(MACHINE_REDIS_URL, redisSettings.keyPrefix);
    redis.disconnect();
    await cluster?.replica.delayReplay(0);
  });

  it('after an import through A, neither instance answers from before it while the replica replays late; its subscriber on B gets it', async () => {
    for (const instance of [a, b]) await readsReachTheReplica(instance);
    // One answer, computed by A, cached in Redis, served by B.
    expect(await answer(a, 'Warm')).toMatchObject({ sampleSize: 3, source: 'replica' });
    expect(await answer(b, 'Warm')).toMatchObject({ sampleSize: 3, source: 'cache' });
    const client = subscriptionClient(b.url);
    clients.push(client);
    const updates = subscribe(client, { query: MARKET_UPDATED, variables: market.PROMPT_ENGINEERS });
    await eventually(async () => (await metricValue(b.url, 'paygraph_market_subscribers')) === 1, 'the subscription reaches B');

    await cluster.replica.delayReplay(REPLAY_DELAY_MS);
    const replicaMark = cluster.replica.log().length;
    const write = await market.importPromptEngineers(a.url, writerKey, ['4', '5']);
    expect(write.body.data.importObservations).toMatchObject({ imported: 2, userErrors: [] });

    // Rounds of reads on both instances (the warm operation and a new one) until the replica has replayed the import.
    // A round followed by a probe that still finds the replica behind ran wholly before the replay.
    const rounds: Array<Awaited<ReturnType<typeof answer>>[]> = [];
    let lastProbeBehind = '';
    for (let round = 0; (await market.sampleSizeOn(cluster.replica, `probe ${round}`)) === 3; round++) {
      lastProbeBehind = `probe ${round}`;
      const answers = [];
      for (const instance of [a, b]) answers.push(await answer(instance, 'Warm'), await answer(instance, `Fresh${round}${instance.letter}`));
      rounds.push(answers);
      expect(round).toBeLessThan(200);
    }
    const beforeReplay = rounds.slice(0, -1).flat();
    expect(beforeReplay.length).toBeGreaterThanOrEqual(8);
    // Not one answer from before the write, cached or computed, on either instance.
    expect(rounds.flat().filter(({ sampleSize }) => sampleSize !== 5)).toEqual([]);
    // Whatever the cache did not answer before the replay was read on the primary…
    expect(beforeReplay.filter(({ source }) => source === 'replica')).toEqual([]);
    for (const instance of [a, b]) expect(beforeReplay.filter((read) => read.instance === instance.name && read.source === 'primary').length).toBeGreaterThan(0);
    // …and what A or B stored then was served from Redis.
    expect(beforeReplay.filter(({ source }) => source === 'cache').length).toBeGreaterThan(0);
    // The replica's log agrees: no snapshot read from either instance before the last probe that found it behind.
    const replayMark = cluster.replica.log().indexOf(`/* ${lastProbeBehind} */`, replicaMark);
    expect(replayMark).toBeGreaterThan(replicaMark);
    for (const instance of [a, b]) expect(market.snapshotReads(statementsSince(cluster.replica, replicaMark, instance.name, replayMark))).toEqual([]);

    // The import, through A, reached B's subscriber, with the new figures (subscriptions read the primary).
    const [update] = await updates.received(1);
    expect(update).toEqual({ data: { marketUpdated: { level: 'MID', sampleSize: 5 } } });
    updates.unsubscribe();

    // Once the replica has replayed the write, both instances read it there again, and serve the new figure.
    await cluster.replica.delayReplay(0);
    await cluster.replica.caughtUp();
    for (const instance of [a, b]) {
      await readsReachTheReplica(instance);
      expect(await answer(instance, `AfterReplay${instance.letter}`)).toMatchObject({ sampleSize: 5, source: 'replica' });
      expect(await answer(instance, 'Warm')).toMatchObject({ sampleSize: 5 });
    }
  });

  it('B, finding in Redis the generation A set for its write before B can hear the write’s notice, reads the primary and stores nothing older', async () => {
    const before = (await market.sampleSizeOn(cluster.primary))!;
    await readsReachTheReplica(b); // with nothing announced, B reads the replica
    expect(await answer(a, 'Race')).toMatchObject({ sampleSize: before });
    expect(await answer(b, 'Race')).toMatchObject({ sampleSize: before, source: 'cache' });
    await cluster.replica.delayReplay(REPLAY_DELAY_MS);

    // Both instances' change listeners are frozen (their PostgreSQL backends get SIGSTOP): no notice reaches either instance,
    // so the only news of the write is the generation A puts in Redis as it answers the mutation.
    const listeners = await cluster.primary.query<{ pid: number; application_name: string }>(
      `SELECT pid, application_name FROM pg_stat_activity WHERE application_name IN ('${a.name}', '${b.name}') AND query = 'LISTEN "${DATA_CHANGED_CHANNEL}"'`,
    );
    expect(listeners.map(({ application_name }) => application_name).sort()).toEqual([a.name, b.name]);
    const generationBefore = await redis.get(generationKey);
    for (const { pid } of listeners) process.kill(pid, 'SIGSTOP');
    try {
      const replicaMark = cluster.replica.log().length;
      const write = await market.importPromptEngineers(a.url, writerKey, ['6']);
      expect(write.body.data.importObservations).toMatchObject({ imported: 1, userErrors: [] });
      const generation = await redis.get(generationKey);
      expect(generation).not.toBe(generationBefore);

      // B has not heard of the write; it finds a generation it has not seen, and so keeps its reads off the replica that lacks the write.
      expect(await answer(b, 'Race')).toMatchObject({ sampleSize: before + 1, source: 'primary' });
      expect(await answer(b, 'RaceFresh')).toMatchObject({ sampleSize: before + 1, source: 'primary' });
      expect(market.snapshotReads(statementsSince(cluster.replica, replicaMark, b.name))).toEqual([]);
      // What B stored under that generation is what A now serves: the new figure.
      expect(await answer(a, 'RaceFresh')).toMatchObject({ sampleSize: before + 1, source: 'cache' });
      expect(await redis.get(generationKey)).toBe(generation); // nobody had the notice
      expect(await market.sampleSizeOn(cluster.replica)).toBe(before); // and the replica still lacks the write
    } finally {
      for (const { pid } of listeners) process.kill(pid, 'SIGCONT');
      await cluster.replica.delayReplay(0);
    }
    await cluster.replica.caughtUp();
  });

  it('refuses on B a client that spent its budget on A', async () => {
    const first = await asReader(a);
    expect(first).toMatchObject({ status: 200, remaining: String(KEY_BUDGET - COUNTRIES_COST) });
    expect(await asReader(b)).toMatchObject({ status: 200, remaining: String(KEY_BUDGET - 2 * COUNTRIES_COST) });
    let allowed = 2;
    for (let response = await asReader(a); response.status === 200; response = await asReader(a)) {
      allowed++;
      expect(allowed).toBeLessThanOrEqual(KEY_BUDGET / COUNTRIES_COST);
    }
    expect(allowed).toBe(KEY_BUDGET / COUNTRIES_COST);
    expect(await asReader(b)).toEqual({ status: 429, remaining: '0', code: 'RATE_LIMITED' });
  });
});

describe('two instances while their Redis (the test’s own) and the replica stop and start again', { timeout: 60_000 }, () => {
  let redisServer: RedisServer;
  let c: Instance;
  let d: Instance;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    [c, d] = await startInstances(['paygraph-c', 'paygraph-d'], { url: redisServer.url, keyPrefix: uniqueKeyPrefix() });
  });

  afterAll(async () => {
    await stopInstances([c, d].filter(Boolean));
    await redisServer?.stop();
  });

  it('loses no request under load, limits clients per instance meanwhile, and uses both again without a restart', async () => {
    const expected = await market.sampleSizeOn(cluster.primary);
    for (const instance of [c, d]) await readsReachTheReplica(instance);
    expect(await answer(c, 'Shared')).toMatchObject({ sampleSize: expected, source: 'replica' });
    expect(await answer(d, 'Shared')).toMatchObject({ sampleSize: expected, source: 'cache' });
    const pids = [c, d].map((instance) => instance.process.child.pid);

    let sent = 0;
    let sentSinceStop = 0;
    let stopped = false;
    let loading = true;
    const failures: unknown[] = [];
    // Cached answers and new documents (read from the database), from both instances.
    const worker = async (instance: Instance, cached: boolean) => {
      while (loading) {
        const { status, body } = await postGraphQL(instance.url, market.snapshotQuery(cached ? 'Shared' : `Load${sent}`), market.PROMPT_ENGINEERS);
        sent++;
        if (stopped) sentSinceStop++;
        if (status !== 200 || body.errors || body.data?.marketSnapshot?.sampleSize !== expected) failures.push({ instance: instance.name, status, body });
      }
    };
    const load = Promise.all([worker(c, true), worker(c, false), worker(d, true), worker(d, false)]);
    await sleep(500);
    const primaryMark = cluster.primary.log().length;
    await Promise.all([redisServer.kill(), cluster.replica.stop()]);
    stopped = true;
    await eventually(async () => {
      const states = await Promise.all([c, d].map(async (instance) => [await metricValue(instance.url, 'paygraph_redis_up'), await replicaMetric(instance, 'paygraph_db_replica_up')]));
      return states.flat().every((up) => up === 0);
    }, 'both instances see Redis and the replica down');
    await sleep(1000);
    loading = false;
    await load;

    expect(failures).toEqual([]);
    expect(sent - sentSinceStop).toBeGreaterThan(0);
    expect(sentSinceStop).toBeGreaterThan(10);
    for (const instance of [c, d]) {
      expect(await readyz(instance)).toEqual({ status: 200, body: { status: 'ready', degraded: ['redis_unreachable'] } });
      expect(await metricValue(instance.url, 'paygraph_response_cache_lookups_total{result="unavailable"}')).toBeGreaterThan(0);
      expect(await metricValue(instance.url, 'paygraph_rate_limit_fallbacks_total')).toBeGreaterThan(0);
      // Uncached, on the primary: the statement log has this instance's snapshot reads since the stop.
      expect(await answer(instance, 'Shared')).toMatchObject({ sampleSize: expected, source: 'primary' });
      expect(market.snapshotReads(statementsSince(cluster.primary, primaryMark, instance.name)).length).toBeGreaterThan(0);
    }
    // Budgets are each instance's own meanwhile: the reader spends all of C's, and D's is whole.
    let allowedOnC = 0;
    while ((await asReader(c)).status === 200) expect(++allowedOnC).toBeLessThanOrEqual(KEY_BUDGET / COUNTRIES_COST);
    expect(allowedOnC).toBe(KEY_BUDGET / COUNTRIES_COST);
    expect(await asReader(d)).toMatchObject({ status: 200, remaining: String(KEY_BUDGET - COUNTRIES_COST) });

    await Promise.all([redisServer.restart(), cluster.replica.start()]);
    await eventually(async () => {
      const states = await Promise.all([c, d].map(async (instance) => [await metricValue(instance.url, 'paygraph_redis_up'), await replicaMetric(instance, 'paygraph_db_replica_up')]));
      return states.flat().every((up) => up === 1);
    }, 'both instances use Redis and the replica again');
    for (const instance of [c, d]) {
      expect(await readyz(instance)).toEqual({ status: 200, body: { status: 'ready' } });
      await readsReachTheReplica(instance);
    }
    // The shared cache again (C computes on the replica, D answers from Redis)…
    const hits = await metricValue(d.url, HITS);
    expect(await answer(c, 'Recovered')).toMatchObject({ sampleSize: expected, source: 'replica' });
    expect(await answer(d, 'Recovered')).toMatchObject({ sampleSize: expected, source: 'cache' });
    expect((await metricValue(d.url, HITS)) - hits).toBe(1);
    // …and shared budgets (Redis restarted empty: a new window).
    expect(await asReader(d)).toMatchObject({ status: 200, remaining: String(KEY_BUDGET - COUNTRIES_COST) });
    expect(await asReader(c)).toMatchObject({ status: 200, remaining: String(KEY_BUDGET - 2 * COUNTRIES_COST) });

    // The same processes throughout, each of which logged the outages once and the recoveries once.
    expect([c, d].map((instance) => instance.process.child.pid)).toEqual(pids);
    expect([c, d].every((instance) => instance.process.alive())).toBe(true);
    for (const instance of [c, d]) {
      expect(logged(instance, /^Redis unreachable/)).toBe(1);
      expect(logged(instance, /^Redis reachable again/)).toBe(1);
      expect(logged(instance, /^read replica (failed|does not answer)/)).toBe(1);
      expect(logged(instance, /^read replica answers/)).toBe(2); // at start, and once back
    }
  });
});
