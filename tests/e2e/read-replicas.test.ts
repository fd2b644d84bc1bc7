import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.js';
import type { RunningServer } from '../../src/server/http-server.js';
import { ApiKeyService, Scope } from '../../src/services/api-keys/api-key.service.js';
import { startTestServer } from '../support/http-server.js';
import { metricValue } from '../support/metrics.js';
import { eventually } from '../support/eventually.js';
import { postGraphQL } from '../support/processes.js';
import { startReplicaCluster, statementsSince, withApplicationName, type ClusterNode, type ReplicaCluster } from '../support/replica-cluster.js';
import * as market from '../support/replica-market.js';

// Two paygraph instances over one primary and one real streaming replica, each server of this
// test's own. Each instance names its connections ("paygraph-a", "paygraph-b"), and both servers
// log every statement with that name, so the logs say which database answered what.
let cluster: ReplicaCluster;
let writerKey: string;
const instances: Record<'a' | 'b', { database: DatabaseHandle; server: RunningServer }> = {} as never;
let replicaLabel: string;

const url = (instance: 'a' | 'b') => instances[instance].server.url;
const importThrough = (instance: 'a' | 'b', ids: string[]) => market.importPromptEngineers(url(instance), writerKey, ids);
/** The FR prompt engineers' sample size as `instance` answers it, and whether it came from its response cache. */
const promptEngineerSampleSize = (instance: 'a' | 'b', operationName?: string) => market.promptEngineerSampleSize(url(instance), operationName);
const sampleSizeOnReplica = () => market.sampleSizeOn(cluster.replica);
const metric = (instance: 'a' | 'b', name: string) => metricValue(url(instance), `${name}{replica="${replicaLabel}"}`);
const readsReachTheReplica = (instance: 'a' | 'b') => market.readsReachTheReplica(url(instance), cluster.replica, `paygraph-${instance}`);
const statementsOf = (node: ClusterNode, mark: number, instance: 'a' | 'b') => statementsSince(node, mark, `paygraph-${instance}`);

beforeAll(async () => {
  cluster = await startReplicaCluster(async (primaryUrl) => {
    [writerKey] = await market.preparePrimary(primaryUrl, [{ name: 'replica test', scopes: [Scope.OBSERVATIONS_WRITE] }]);
  });
  replicaLabel = `127.0.0.1:${cluster.replica.port}/paygraph`;
  for (const [instance, maxLagMs] of [
    ['a', 60_000],
    ['b', 1000],
  ] as const) {
    const database = connectDatabase(withApplicationName(cluster.primary.url, `paygraph-${instance}`));
    const server = await startTestServer(database, {
      serving: { readReplicas: { urls: [withApplicationName(cluster.replica.url, `paygraph-${instance}`)], maxLagMs, checkIntervalMs: 100 } },
    });
    instances[instance] = { database, server };
  }
});

afterAll(async () => {
  for (const { server, database } of Object.values(instances)) {
    await server.close();
    await database.close();
  }
  await cluster?.close();
});

describe('read replicas', { timeout: 120_000 }, () => {
  it('a mutation runs on the primary and reads its own writes there while the replica has not replayed them', async () => {
    await cluster.replica.delayReplay(15_000);
    const primaryMark = cluster.primary.log().length;
    const replicaMark = cluster.replica.log().length;

    const first = await importThrough('a', ['1', '2', '3']);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.importObservations).toMatchObject({ read: 3, imported: 3, duplicates: 0, rejected: 0, snapshots: 2 });
    // At once, the same batch again: its duplicate check reads the rows the first one wrote, which the replica does not have yet.
    const again = await importThrough('a', ['1', '2', '3']);
    expect(again.body.data.importObservations).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await sampleSizeOnReplica()).toBeUndefined();

    const written = statementsOf(cluster.primary, primaryMark, 'a').filter((statement) => /INSERT INTO "?observation|COPY "?observation/i.test(statement));
    expect(written.length).toBeGreaterThan(0);
    expect(statementsOf(cluster.replica, replicaMark, 'a').filter((statement) => /observation/i.test(statement))).toEqual([]);
    await cluster.replica.delayReplay(0);
    await cluster.replica.caughtUp();
    expect(await sampleSizeOnReplica()).toBe(3);
  });

  it('queries run on the replica once it has replayed every announced write', async () => {
    for (const instance of ['a', 'b'] as const) await readsReachTheReplica(instance);
    const primaryMark = cluster.primary.log().length;
    const replicaMark = cluster.replica.log().length;
    expect(await promptEngineerSampleSize('a', 'OnReplica')).toEqual({ sampleSize: 3, cached: false });
    expect(market.snapshotReads(statementsOf(cluster.replica, replicaMark, 'a')).length).toBeGreaterThan(0);
    expect(market.snapshotReads(statementsOf(cluster.primary, primaryMark, 'a'))).toEqual([]);
    expect(await metricValue(instances.a.server.url, `paygraph_db_reads_total{database="${replicaLabel}"}`)).toBeGreaterThan(0);
  });

  it('once a write is announced, no instance answers or caches what the lagging replica still has', async () => {
    // Both instances hold the pre-write answer in their caches.
    for (const instance of ['a', 'b'] as const) {
      await promptEngineerSampleSize(instance);
      expect(await promptEngineerSampleSize(instance)).toEqual({ sampleSize: 3, cached: true });
    }
    await cluster.replica.delayReplay(15_000);

    const write = await importThrough('a', ['4', '5']);
    expect(write.body.data.importObservations).toMatchObject({ imported: 2, snapshots: 2 });
    // A announced its own write when it answered; B hears of it from the database's notice.
    expect((await promptEngineerSampleSize('a')).sampleSize).toBe(5);
    await eventually(async () => (await promptEngineerSampleSize('b')).sampleSize === 5, 'instance B hears of the write');

    // While the replica replays 15 s late, every answer (cached or not, either instance) is the new one.
    const answers: number[] = [];
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      for (const instance of ['a', 'b'] as const) answers.push((await promptEngineerSampleSize(instance)).sampleSize);
    }
    expect(await sampleSizeOnReplica()).toBe(3);
    expect(new Set(answers)).toEqual(new Set([5]));
    expect(await metric('a', 'paygraph_db_replica_lag_bytes')).toBeGreaterThan(0);
    expect(await metric('a', 'paygraph_db_replica_lag_seconds')).toBeGreaterThan(0);

    await cluster.replica.delayReplay(0);
    await cluster.replica.caughtUp();
    expect(await sampleSizeOnReplica()).toBe(5);
    for (const instance of ['a', 'b'] as const) {
      await readsReachTheReplica(instance);
      expect((await promptEngineerSampleSize(instance)).sampleSize).toBe(5);
    }
  });

  it('a replica lagging beyond an instance’s bound gets no reads from it, and gets them again once caught up', async () => {
    await cluster.replica.delayReplay(10_000);
    // A write to a table no answer reads: nothing is announced, only the WAL moves on.
    await new ApiKeyService(instances.a.database.prisma).create({ name: 'lag maker', scopes: [] });
    await eventually(async () => (await metric('b', 'paygraph_db_replica_lag_seconds')) > 1, 'the replica lags over a second');
    expect(await metric('b', 'paygraph_db_replica_routable')).toBe(0);
    expect(await metric('a', 'paygraph_db_replica_routable')).toBe(1);

    const primaryMark = cluster.primary.log().length;
    const replicaMark = cluster.replica.log().length;
    await promptEngineerSampleSize('a', 'WithinBound');
    await promptEngineerSampleSize('b', 'BeyondBound');
    expect(market.snapshotReads(statementsOf(cluster.replica, replicaMark, 'a')).length).toBeGreaterThan(0);
    expect(market.snapshotReads(statementsOf(cluster.replica, replicaMark, 'b'))).toEqual([]);
    expect(market.snapshotReads(statementsOf(cluster.primary, primaryMark, 'b')).length).toBeGreaterThan(0);

    await cluster.replica.delayReplay(0);
    await cluster.replica.caughtUp();
    await eventually(async () => (await metric('b', 'paygraph_db_replica_routable')) === 1, 'B routes to the replica again');
    await readsReachTheReplica('b');
  });

  it('stopping the replica under load loses no request; started again, it takes reads again', async () => {
    let sent = 0;
    const failures: unknown[] = [];
    let loading = true;
    const worker = async (instance: 'a' | 'b') => {
      while (loading) {
        // A new operation name each time: a new document, so no answer comes from the cache.
        const { status, body } = await postGraphQL(url(instance), market.snapshotQuery(`Load${sent++}`), market.PROMPT_ENGINEERS);
        if (status !== 200 || body.errors || body.data?.marketSnapshot?.sampleSize !== 5) failures.push({ instance, status, body });
      }
    };
    const load = Promise.all([worker('a'), worker('a'), worker('b'), worker('b')]);
    await sleep(500);
    await cluster.replica.stop();
    const stopped = sent;
    await eventually(async () => (await metric('a', 'paygraph_db_replica_up')) === 0 && (await metric('b', 'paygraph_db_replica_up')) === 0, 'both instances see the replica down');
    await sleep(500);
    loading = false;
    await load;
    expect(failures).toEqual([]);
    // Each request is a new document, compiled before it runs: a few a second per worker on a busy machine.
    expect(sent - stopped).toBeGreaterThan(5);
    expect((await fetch(instances.a.server.url.replace(/graphql$/, 'readyz'))).status).toBe(200);

    await cluster.replica.start();
    await eventually(async () => (await metric('a', 'paygraph_db_replica_up')) === 1, 'the replica is up again');
    for (const instance of ['a', 'b'] as const) await readsReachTheReplica(instance);
  });
});
