#!/usr/bin/env node
// Draws the app and tray icons (a rising bar chart on a rounded square) and writes them as
// PNGs, so the icons are reproducible from source: `node resources/icons/generate-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const BACKGROUND = [79, 70, 229];
const BARS = [
  { x: 0.22, height: 0.3 },
  { x: 0.43, height: 0.47 },
  { x: 0.64, height: 0.64 },
];
const BAR_WIDTH = 0.15;
const BASELINE = 0.8;

/** Colour of one point of the unit square: transparent outside the rounded square, white bars inside it. */
function shade(u, v) {
  const radius = 0.2;
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  if ((u - cx) ** 2 + (v - cy) ** 2 > radius ** 2) return [0, 0, 0, 0];
  const onBar = BARS.some((bar) => u >= bar.x && u <= bar.x + BAR_WIDTH && v <= BASELINE && v >= BASELINE - bar.height);
  return onBar ? [255, 255, 255, 255] : [...BACKGROUND, 255];
}

/** Renders with 4×4 supersampling so that small tray sizes stay smooth. */
function render(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          sum[0] += r * a; sum[1] += g * a; sum[2] += b * a; sum[3] += a;
        }
      }
      const alpha = sum[3] / samples ** 2;
      const offset = (y * size + x) * 4;
      if (alpha > 0) pixels.set([sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3]].map(Math.round), offset);
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return encodePng(size, pixels);
}

const here = (name) => new URL(name, import.meta.url);
writeFileSync(here('icon.png'), render(512));
writeFileSync(here('../tray/tray.png'), render(16));
writeFileSync(here('../tray/tray@2x.png'), render(32));
