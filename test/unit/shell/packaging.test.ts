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
  it('is valid against electron-builder 26 own schema', () => {
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? null, JSON.stringify(validate.errors)).toBeNull();
    expect(ok).toBe(true);
  });

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

describe('entitlements', () => {
  const plist = readFileSync(join(root, 'resources/entitlements.mac.plist'), 'utf8').replace(
    /<!--[\s\S]*?-->/g,
    '',
  );
  it('are minimal', () => {
    expect(plist).not.toContain('allow-dyld-environment-variables');
    expect(plist).not.toContain('disable-library-validation');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
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

  it('the app icon is at least 512 px', () => {
    const png = decodePng(join(root, 'resources/icon.png'));
    expect(png.width).toBeGreaterThanOrEqual(512);
    expect(png.height).toBe(png.width);
  });
});
