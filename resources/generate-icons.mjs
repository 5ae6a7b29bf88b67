#!/usr/bin/env node
// Generates the tray template images and the app icon as PNGs with node:zlib only (no image libraries), so the
// committed PNGs can be regenerated and reviewed: `node resources/generate-icons.mjs`.
// Tray images are macOS template images: black + alpha only (macOS tints them for light/dark menu bars), named
// `…Template.png` / `…Template@2x.png` (16 and 32 px). Shapes are drawn as signed-distance functions in a unit
// square and antialiased by 4x4 supersampling.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA 8-bit, non-interlaced. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- shapes: each returns true when the point (unit coordinates, y down) is inside ---
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union = (...s) => (x, y) => s.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= w / 2;
};

// The hub: a ring with three spokes ending in nodes (VMs around a hub).
const hubRing = ring(0.5, 0.5, 0.3, 0.11);
const centre = circle(0.5, 0.5, 0.12);
const GLYPHS = {
  ok: union(hubRing, centre),
  // A badge dot cut out of the top-right of the ring: "something happened".
  attention: union(minus(union(hubRing, centre), circle(0.8, 0.2, 0.25)), circle(0.8, 0.2, 0.17)),
  // Hollow hub crossed by a slash: not connected.
  disconnected: union(minus(hubRing, segment(0.12, 0.88, 0.88, 0.12, 0.24)), segment(0.15, 0.85, 0.85, 0.15, 0.1)),
  // A padlock in the middle of the ring: sign-in or certificate needed.
  auth: union(
    minus(hubRing, rect(0.28, 0.36, 0.72, 0.8)),
    rect(0.33, 0.5, 0.67, 0.76),
    minus(ring(0.5, 0.47, 0.11, 0.07), rect(0, 0.47, 1, 1)),
    rect(0.355, 0.47, 0.425, 0.52),
    rect(0.575, 0.47, 0.645, 0.52),
  ),
};

function coverage(shape, px, py, size, ss = 4) {
  let hits = 0;
  for (let i = 0; i < ss; i++) for (let j = 0; j < ss; j++) if (shape((px + (i + 0.5) / ss) / size, (py + (j + 0.5) / ss) / size)) hits++;
  return hits / (ss * ss);
}

function templateImage(shape, size) {
  const rgba = Buffer.alloc(size * size * 4); // black everywhere; only alpha varies
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) rgba[(y * size + x) * 4 + 3] = Math.round(coverage(shape, x, y, size) * 255);
  return encodePng(size, size, rgba);
}

function appIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const inset = 0.1;
  const radius = 0.18;
  const plate = (x, y) => {
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - radius), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - radius), 0);
    return Math.hypot(qx, qy) <= radius;
  };
  const glyph = (x, y) => GLYPHS.ok(0.5 + (x - 0.5) / 0.62, 0.5 + (y - 0.5) / 0.62);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(plate, x, y, size, 2);
      const g = coverage(glyph, x, y, size, 2);
      const t = y / size; // vertical gradient, deep blue to teal
      const base = [Math.round(24 + 10 * t), Math.round(70 + 90 * t), Math.round(170 + 20 * t)];
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(base[c] * (1 - g) + 255 * g);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  for (const [name, shape] of Object.entries(GLYPHS)) {
    writeFileSync(join(OUT, `tray-${name}Template.png`), templateImage(shape, 16));
    writeFileSync(join(OUT, `tray-${name}Template@2x.png`), templateImage(shape, 32));
  }
  writeFileSync(join(OUT, 'icon.png'), appIcon(1024));
  console.log('icons written to', OUT);
}

// Only when run as a script, so tests can import encodePng without rewriting the committed files.
if (process.argv[1] === fileURLToPath(import.meta.url)) main();
