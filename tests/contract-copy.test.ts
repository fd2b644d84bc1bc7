import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/config.js';

const shared = path.join(projectRoot, '..', 'shared', 'contract', 'operations.graphql');

describe('contract/operations.graphql', () => {
  it.skipIf(!existsSync(shared))('is an exact copy of the public contract in ../shared', () => {
    expect(readFileSync(path.join(projectRoot, 'contract', 'operations.graphql'), 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });
});
