// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time and by inclusive time, so a
// missed target can be traced to a file and function. Usage: npx tsx test/bench/tools/cpuprofile-top.ts <file> [n]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();

/** Bench bundles (lib/build.ts) carry linked source maps: report the TypeScript file and line, not the bundle's. */
function sourceMapFor(path: string): SourceMap | null {
  if (!maps.has(path)) {
    const mapPath = `${path}.map`;
    maps.set(
      path,
      existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as never) : null,
    );
  }
  return maps.get(path) ?? null;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  let file = url.replace(/^file:\/\//, '');
  let line = lineNumber + 1;
  const map = file.endsWith('.mjs') ? sourceMapFor(file) : null;
  if (map && lineNumber >= 0) {
    const entry = map.findEntry(lineNumber, Math.max(0, columnNumber));
    if ('originalSource' in entry && entry.originalSource) {
      file = entry.originalSource.replace(/^file:\/\//, '');
      line = entry.originalLine + 1;
    }
  }
  file = file.replace(/^.*?\/work\/main\//, '').replace(/^(\.\.\/)+/, '');
  return `${functionName || '(anonymous)'} ${file}:${line}`;
}

export function summarise(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    // Each distinct label on the stack gets the sample once (recursion is not double-counted).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
      seen.add(l);
    }
  }
  const fmt = (m: Map<string, number>): string =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([l, us]) =>
          `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${l}`,
      )
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms\nself time:\n${fmt(self)}\ninclusive time:\n${fmt(inclusive)}`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpuprofile-top.ts <file.cpuprofile> [top]');
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25)));
}
