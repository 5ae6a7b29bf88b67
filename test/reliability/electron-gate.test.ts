// Electron security gate: electronegativity over the main process, the preloads and the built pages (offline),
// failing on any finding not in the reviewed allow-list; plus the exact webPreferences of every BrowserWindow we
// create and the Content-Security-Policy of every built page. Needs `electron-vite build` first (npm test does it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_FINDINGS } from './security/allowlist';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER_OUT = path.join(ROOT, 'out/renderer');
// Not under node_modules: electronegativity skips any path containing it.
const STAGE = path.join(tmpdir(), `hubwatch-security-${process.pid}`, 'app');
const BUILD_HINT =
  'out/renderer is missing: run `npx electron-vite build` first (npm test builds before vitest)';

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
}

function builtPages(): string[] {
  if (!existsSync(RENDERER_OUT)) throw new Error(BUILD_HINT);
  const pages = readdirSync(RENDERER_OUT).filter((f) => f.endsWith('.html'));
  if (pages.length === 0) throw new Error(BUILD_HINT);
  return pages;
}

describe('Electron security gate', () => {
  it('electronegativity finds nothing outside the reviewed allow-list', () => {
    const pages = builtPages();
    // One tree, so the global checks (CSP, navigation limits, permission handler) see the whole app at once.
    rmSync(STAGE, { recursive: true, force: true });
    mkdirSync(path.join(STAGE, 'renderer'), { recursive: true });
    cpSync(path.join(ROOT, 'src/main'), path.join(STAGE, 'main'), { recursive: true });
    cpSync(path.join(ROOT, 'src/preload'), path.join(STAGE, 'preload'), { recursive: true });
    for (const page of pages) cpSync(path.join(RENDERER_OUT, page), path.join(STAGE, 'renderer', page));
    const electronVersion = (
      JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const run = spawnSync(
      process.execPath,
      [
        path.join(import.meta.dirname, 'security/electronegativity-run.cjs'),
        JSON.stringify([STAGE]),
        electronVersion,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const marker = run.stdout.indexOf('@@ELECTRONEGATIVITY@@');
    expect(marker, `runner failed: ${run.stderr.slice(0, 1000)}`).toBeGreaterThanOrEqual(0);
    const [result] = JSON.parse(run.stdout.slice(marker + '@@ELECTRONEGATIVITY@@'.length)) as {
      checks: number;
      errors: { file: string; message: string; tolerable: boolean }[];
      issues: Finding[];
    }[];
    if (!result) throw new Error('no result');
    // A file the tool could not parse is a file it did not check.
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    const norm = (f: string): string => f.split(path.sep).join('/');
    const allowed = (f: Finding): boolean =>
      ALLOWED_FINDINGS.some((a) => a.id === f.id && a.file === norm(f.file));
    const unreviewed = result.issues
      .filter((f) => !allowed(f))
      .map((f) => `${f.id} ${norm(f.file)}:${f.line} [${f.severity}/${f.confidence}] ${f.description}`);
    const stale = ALLOWED_FINDINGS.filter(
      (a) => !result.issues.some((f) => f.id === a.id && norm(f.file) === a.file),
    );
    rmSync(path.dirname(STAGE), { recursive: true, force: true });
    expect(unreviewed).toEqual([]);
    console.log(
      `[electron-gate] electronegativity ${result.checks} checks (online AvailableSecurityFixes excluded, network stubbed) on main+preload+${pages.length} pages: ${result.issues.length} findings, all reviewed${stale.length ? `; stale allow-list entries: ${stale.map((s) => `${s.id} ${s.file}`).join(', ')}` : ''}`,
    );
  });

  it('every built page has a strict CSP and loads nothing remote', () => {
    const pages = builtPages();
    for (const page of pages) {
      const html = readFileSync(path.join(RENDERER_OUT, page), 'utf8');
      const metas = [...html.matchAll(/<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>/gi)];
      expect(metas, page).toHaveLength(1);
      const content =
        /content="([^"]*)"|content='([^']*)'/i
          .exec(metas[0]![0])
          ?.slice(1)
          .find((g) => g !== undefined) ?? '';
      const directives = new Map(
        content
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => {
            const [name = '', ...values] = d.split(/\s+/);
            return [name, values] as const;
          }),
      );
      expect(directives.get('default-src'), `${page} default-src`).toEqual(["'self'"]);
      const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
      expect(
        scripts.filter((v) => /unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|^https?:|^data:|^blob:/.test(v)),
        `${page} script-src`,
      ).toEqual([]);
      // The renderer never talks to the network: the hub is reached by main only.
      expect(directives.get('connect-src') ?? ["'self'"], `${page} connect-src`).toEqual(["'self'"]);
      // Neither falls back safely enough on its own: no plugins, no <base> rewriting of our relative script URLs.
      expect(directives.get('object-src'), `${page} object-src`).toEqual(["'none'"]);
      expect(directives.get('base-uri'), `${page} base-uri`).toEqual(["'none'"]);
      for (const name of ['object-src', 'frame-src', 'child-src', 'img-src', 'font-src', 'media-src']) {
        expect(
          (directives.get(name) ?? []).filter((v) => /\*|^https?:/.test(v)),
          `${page} ${name}`,
        ).toEqual([]);
      }
      // No inline script (script-src 'self' would block it anyway: this catches a build that relies on one).
      expect([...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/gi)], `${page} inline script`).toEqual([]);
      expect(/(src|href)=["']https?:/i.test(html), `${page} remote resource`).toBe(false);
    }
    console.log(
      `[electron-gate] CSP checked on ${pages.length} built pages: default-src 'self', no unsafe script sources, connect-src 'self', no inline or remote scripts`,
    );
  });
});
