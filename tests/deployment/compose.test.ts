import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.js';

// No container engine runs here: compose.yaml is parsed and its wiring checked, never run.
const compose = parse(readFileSync(path.join(projectRoot, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; configs?: Array<{ source: string; target: string }>; ports?: string[] }>;
  configs: Record<string, { content: string }>;
};
const config = readFileSync(path.join(projectRoot, 'src', 'config.ts'), 'utf8');

describe('compose.yaml', () => {
  it('describes the production shape: primary, replica, Redis, two API instances from the Dockerfile, a proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api-a', 'api-b', 'primary', 'proxy', 'redis', 'replica']);
    expect([compose.services.primary!.image, compose.services.replica!.image, compose.services.redis!.image, compose.services.proxy!.image]).toEqual(['postgres:17', 'postgres:17', 'redis:7', 'nginx:1.27']);
    for (const api of ['api-a', 'api-b']) {
      const { build, environment } = compose.services[api]!;
      expect(build).toBe('.');
      expect(environment).toMatchObject({
        DATABASE_URL: 'postgresql://paygraph:paygraph@primary:5432/paygraph',
        DATABASE_REPLICA_URLS: 'postgresql://paygraph:paygraph@replica:5432/paygraph',
        REDIS_URL: 'redis://redis:6379',
      });
    }
  });

  it('sets only variables paygraph reads', () => {
    const unread = Object.keys(compose.services['api-a']!.environment!).filter((name) => !config.includes(`env.${name}`));
    expect(unread).toEqual([]);
  });

  it('proxies both instances, with the WebSocket upgrade on /graphql', () => {
    const nginx = compose.configs[compose.services.proxy!.configs![0]!.source]!.content;
    expect(nginx).toMatch(/server api-a:4000;\s+server api-b:4000;/);
    const graphql = nginx.slice(nginx.indexOf('location = /graphql'));
    expect(graphql).toContain('proxy_set_header Upgrade $$http_upgrade;');
    expect(graphql).toContain('proxy_set_header Connection $$connection_upgrade;');
    expect(graphql).toContain('proxy_http_version 1.1;');
  });

  it('escapes every $ of the configs and commands, which Compose would otherwise interpolate', () => {
    const texts = [...Object.values(compose.configs).map(({ content }) => content), JSON.stringify(compose.services.replica)];
    for (const text of texts) expect(text.replaceAll('$$', '')).not.toContain('$');
  });
});
