// The packaging config and resources can only be exercised on a Mac; here we check the essentials statically:
// electron-builder.yml against electron-builder's own JSON schema plus the mac must-haves, the entitlements, and
// that the tray images are real template images (black + alpha only, 16 px and 32 px @2x).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
// ajv comes with electron-builder (app-builder-lib validates its config with it); typed here at the boundary.
const Ajv = require('ajv') as new (o: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar?: boolean;
  mac: {
    target: { target: string; arch: string }[];
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit?: string;
    icon: string;
    notarize: boolean;
    extendInfo: Record<string, unknown>;
  };
  directories?: { buildResources?: string };
}
const config = parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  // Compiling the 360 kB schema is CPU work that takes seconds on a loaded 2-core machine: a longer budget, no sleep.
  it('is valid against electron-builder 26 own schema (and so is electron-builder.local.yml)', () => {
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? null, JSON.stringify(validate.errors)).toBeNull();
    expect(ok).toBe(true);
    const local = parseYaml(readFileSync(join(root, 'electron-builder.local.yml'), 'utf8')) as unknown;
    expect(validate(local), JSON.stringify(validate.errors)).toBe(true);
  }, 30_000);

  it('has the mac essentials', () => {
    expect(config.appId).toBe('com.hubwatch.app');
    expect(config.productName).toBe('Hubwatch');
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: 'universal' },
      { target: 'zip', arch: 'universal' },
    ]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.extendInfo['LSUIElement']).toBe(true);
    expect(config.mac.entitlements).toBe('resources/entitlements.mac.plist');
    expect(readdirSync(join(root, 'resources'))).toContain('entitlements.mac.plist');
    expect(config.mac.icon).toBe('resources/icon.png');
  });

  it('ships only the build output, resources and package.json', () => {
    const includes = config.files.filter((f) => !f.startsWith('!'));
    expect(includes.sort()).toEqual(['out/**', 'package.json', 'resources/**']);
    // electron-builder leaves buildResources out of the app; the tray images must not be in it.
    expect(config.directories?.buildResources).not.toBe('resources');
  });
});

/** The <key>/<true|false> pairs of a flat plist dict; throws on anything else, so a malformed file fails. */
function parseBooleanPlist(xml: string): Record<string, boolean> {
  const body = /<plist[^>]*>\s*<dict>([\s\S]*)<\/dict>\s*<\/plist>/.exec(
    xml.replace(/<!--[\s\S]*?-->/g, ''),
  )?.[1];
  if (body === undefined) throw new Error('not a plist with one <dict>');
  const entries: Record<string, boolean> = {};
  const rest = body.replace(
    /\s*<key>([^<]+)<\/key>\s*<(true|false)\/>/g,
    (_m, key: string, value: string) => {
      entries[key] = value === 'true';
      return '';
    },
  );
  if (rest.trim() !== '') throw new Error(`unexpected plist content: ${rest.trim().slice(0, 80)}`);
  return entries;
}

describe('entitlements', () => {
  const entitlements = parseBooleanPlist(
    readFileSync(join(root, 'resources/entitlements.mac.plist'), 'utf8'),
  );
  it('are minimal: JIT only (no unsigned executable memory since Electron 12, no DYLD, no library validation off)', () => {
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });
});

/** electron-builder.local.yml merged over its parent the way app-builder-lib's doMergeConfigs does (deep). */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      prev !== null &&
      typeof prev === 'object'
        ? merge(prev as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

describe('signing (electron-builder 26 skips signing when no identity is found: it never falls back to ad hoc)', () => {
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;

  it('release builds refuse to build unsigned (forceCodeSigning)', () => {
    expect((config as unknown as { forceCodeSigning?: boolean }).forceCodeSigning).toBe(true);
    expect(scripts['dist']).not.toMatch(/identity/);
  });

  it('dist:local signs ad hoc, so notifications work on the developer Mac, without the hardened runtime', () => {
    expect(scripts['dist:local']).toContain(
      'electron-builder --mac --universal --config electron-builder.local.yml',
    );
    const localFile = parseYaml(readFileSync(join(root, 'electron-builder.local.yml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(localFile['extends']).toBe('file:electron-builder.yml');
    const { extends: _parent, ...own } = localFile;
    const local = merge(config as unknown as Record<string, unknown>, own) as {
      mac: { identity?: string; hardenedRuntime?: boolean; notarize?: boolean };
    };
    expect(local.mac.identity).toBe('-');
    // Ad hoc + hardened runtime fails to launch unless library validation is disabled (MacTargetHelper.js warns).
    expect(local.mac.hardenedRuntime).toBe(false);
    expect(local.mac.notarize).toBe(false);
  });

  it('has no Info.plist keys the current notification API ignores', () => {
    expect(config.mac.extendInfo).not.toHaveProperty('NSUserNotificationAlertStyle');
  });
});

function decodePng(file: string): { width: number; height: number; colorType: number; pixels: Buffer } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR')
      [width, height, colorType] = [body.readUInt32BE(0), body.readUInt32BE(4), body[9] ?? -1];
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // the generator writes filter 0 only
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colorType, pixels };
}

describe('tray template images', () => {
  it.each(['ok', 'attention', 'disconnected', 'auth'])(
    '%s: 16 px and 32 px @2x, black + alpha only, not empty',
    (name) => {
      for (const [suffix, size] of [
        ['', 16],
        ['@2x', 32],
      ] as const) {
        const png = decodePng(join(root, 'resources', `tray-${name}Template${suffix}.png`));
        expect([png.width, png.height, png.colorType]).toEqual([size, size, 6]);
        let opaque = 0;
        for (let i = 0; i < png.pixels.length; i += 4) {
          expect(png.pixels[i] ?? -1).toBe(0);
          expect(png.pixels[i + 1] ?? -1).toBe(0);
          expect(png.pixels[i + 2] ?? -1).toBe(0);
          if ((png.pixels[i + 3] ?? 0) > 128) opaque++;
        }
        expect(opaque).toBeGreaterThan(size * size * 0.1);
      }
    },
  );

  it('every tray image in resources/ comes as a Template + @2x pair, and the tray uses exactly those', () => {
    const trayFiles = readdirSync(join(root, 'resources')).filter((f) => f.startsWith('tray-'));
    for (const file of trayFiles) expect(file).toMatch(/^tray-[a-z]+Template(@2x)?\.png$/);
    const base = trayFiles.filter((f) => !f.includes('@2x'));
    expect(base.map((f) => f.replace('.png', '@2x.png')).sort()).toEqual(
      trayFiles.filter((f) => f.includes('@2x')).sort(),
    );
    expect(base.sort()).toEqual(
      ['ok', 'attention', 'disconnected', 'auth'].map((n) => `tray-${n}Template.png`).sort(),
    );
  });

  it('the app icon is at least 512 px', () => {
    const png = decodePng(join(root, 'resources/icon.png'));
    expect(png.width).toBeGreaterThanOrEqual(512);
    expect(png.height).toBe(png.width);
  });
});
