import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/config.js';

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
const declared: string = JSON.parse(read('package.json')).engines.node;
const oldestSupported = semver.minVersion(declared)!.version;

describe(`the Node versions package.json supports (${declared})`, () => {
  it('every installed package supports them, down to the oldest', () => {
    const { packages } = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
    const excluding = Object.entries(packages)
      .filter(([, pkg]) => typeof pkg.engines?.node === 'string' && !semver.satisfies(oldestSupported, pkg.engines.node))
      .map(([location, pkg]) => `${location.replace(/^.*node_modules\//, '')}@${pkg.version} needs node ${pkg.engines!.node}`);
    expect(excluding).toEqual([]);
  });

  it('include the Dockerfile’s', () => {
    const images = [...read('Dockerfile').matchAll(/^FROM node:(\d+)/gm)].map((match) => match[1]!);
    expect(images.length).toBeGreaterThan(0);
    for (const major of images) expect(semver.intersects(`${major}.x`, declared), `node:${major}`).toBe(true);
  });
});
