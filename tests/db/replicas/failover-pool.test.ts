import { describe, expect, it } from 'vitest';
import { isReplicaFailure } from '../../../src/db/replicas/failover-pool.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('what a replica fails with, as a server', () => {
  it.each([
    ['refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5433')],
    ['reset connection', withCode('ECONNRESET')],
    ['dropped connection (pg has no code for it)', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['admin shutdown (pg_ctl stop -m fast)', withCode('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', withCode('57P02')],
    ['starting up or shutting down', withCode('57P03', 'the database system is shutting down')],
    ['connection exception class', withCode('08006')],
    ['recovery conflict', withCode('40001', 'canceling statement due to conflict with recovery')],
    ['recovery conflict on a buffer pin', withCode('40P01')],
  ])('%s: fails over to the primary', (_, error) => {
    expect(isReplicaFailure(error)).toBe(true);
  });

  it.each([
    ['a write on a standby', withCode('25006', 'cannot execute INSERT in a read-only transaction')],
    ['a syntax error', withCode('42601')],
    ['a missing table', withCode('42P01')],
    ['a unique violation', withCode('23505')],
    ['a query cancelled by statement_timeout', withCode('57014')],
    ['no error at all', undefined],
  ])('%s: does not', (_, error) => {
    expect(isReplicaFailure(error)).toBe(false);
  });
});
