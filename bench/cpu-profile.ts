/**
 * Summarises a V8 CPU profile (node --cpu-prof) by self time: the top functions, and the time
 * per area of the stack (Prisma, pg's protocol, GraphQL execution, serialisation, our code…),
 * each sample charged to the area of the frame it was taken in.
 * Usage: tsx bench/cpu-profile.ts <file.cpuprofile> [last S seconds only] [top N]
 * (with the seconds, start-up and warm-up are left out: only the profile's last S seconds count).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  endTime: number;
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Areas by the file a frame runs in, first match wins; frames without a file are V8's own. */
const AREAS: Array<[string, RegExp]> = [
  ['Prisma', /@prisma|\/generated\/prisma|\/prisma\//],
  ['pg protocol and driver', /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-\w+|pg-cloudflare)\//],
  ['graphql-jit (compiled execution)', /node_modules\/graphql-jit\//],
  ['graphql-js (parse, validate, execute)', /node_modules\/graphql\//],
  ['Apollo Server', /node_modules\/@apollo\//],
  ['type-graphql and class-validator', /node_modules\/(type-graphql|class-validator|class-transformer)\//],
  ['DataLoader', /node_modules\/dataloader\//],
  ['express and HTTP framework', /node_modules\/(express|body-parser|router|raw-body|finalhandler|send|on-finished|qs|content-type|iconv-lite|mime-types|statuses|type-is|negotiator|accepts)\//],
  ['pino and prom-client', /node_modules\/(pino|prom-client|sonic-boom|thread-stream)\//],
  ['other dependencies', /node_modules\//],
  ['paygraph: domain maths (src/domain)', /\/src\/domain\//],
  ['paygraph: services and loaders (src/services)', /\/src\/services\//],
  ['paygraph: GraphQL layer (src/graphql)', /\/src\/graphql\//],
  ['paygraph: serving (src/server, src/serving)', /\/src\/(server|serving)\//],
  ['paygraph: other', /\/src\//],
  ['Node core (http, net, streams, JSON)', /^node:/],
];

/** Native functions (no file) worth their own line. */
const NATIVE_AREAS: Record<string, string> = {
  writev: 'socket writes (the writev system call)',
  writeUtf8String: 'socket writes (the writev system call)',
  writeBuffer: 'socket writes (the writev system call)',
  runMicrotasks: 'promise jobs (runMicrotasks)',
};

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  if (!url) return NATIVE_AREAS[functionName] ?? 'V8 built-ins (JSON, strings, regexps…)';
  return AREAS.find(([, pattern]) => pattern.test(url))?.[0] ?? 'other';
}

const [file, lastArg, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/cpu-profile.ts <file.cpuprofile> [last S seconds only] [top N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const from = lastArg ? profile.endTime - Number(lastArg) * 1e6 : -Infinity;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfByNode = new Map<number, number>();
let time = profile.startTime;
profile.samples.forEach((id, index) => {
  time += profile.timeDeltas[index] ?? 0;
  if (time >= from) selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfByNode) {
  const node = nodes.get(id)!;
  byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + micros);
  const where = node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/src\//, 'src/');
  const key = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}
const busy = [...byArea].filter(([area]) => area !== '(idle)').reduce((sum, [, micros]) => sum + micros, 0);
const percent = (micros: number) => `${((100 * micros) / busy).toFixed(1)} %`;
const sorted = (map: Map<string, number>) => [...map].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);

console.log(`Busy (non-idle) time: ${(busy / 1e6).toFixed(2)} s; idle ${((byArea.get('(idle)') ?? 0) / 1e6).toFixed(2)} s\n`);
console.log('| area | self time | share of busy |\n|---|---:|---:|');
for (const [area, micros] of sorted(byArea)) console.log(`| ${area} | ${(micros / 1e3).toFixed(0)} ms | ${percent(micros)} |`);
console.log('\n| function | self time | share of busy |\n|---|---:|---:|');
for (const [name, micros] of sorted(byFunction).slice(0, Number(topArg ?? 25))) console.log(`| \`${name}\` | ${(micros / 1e3).toFixed(0)} ms | ${percent(micros)} |`);
