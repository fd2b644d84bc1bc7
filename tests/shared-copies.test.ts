import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/config.js';

const shared = path.join(projectRoot, '..', 'shared');

// Outside the workplace ../shared does not exist; there the copies are all there is.
describe.skipIf(!existsSync(shared))('copies of shared files', () => {
  it.each([
    ['contract/operations.graphql', 'contract/operations.graphql'],
    ['data/ai-jobs-salaries-2020-2023.csv', 'data/ai-jobs-salaries-2020-2023.csv'],
  ])('%s is an exact copy of ../shared/%s', (copy, original) => {
    expect(readFileSync(path.join(projectRoot, copy), 'utf8')).toBe(readFileSync(path.join(shared, original), 'utf8'));
  });
});
