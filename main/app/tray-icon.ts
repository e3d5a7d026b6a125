// The Ringfence mark, drawn in code: a ring (the fence) around a dot whose colour is the tray state. Drawing
// it here rather than shipping a PNG per state and size keeps the tray honest (the colour comes from the
// same state the tooltip does) and needs no image files inside or beside the asar. The encoder is the
// minimum PNG (one IDAT, filter 0, RGBA): a dependency for that would be larger than this file.
import { crc32, deflateSync } from 'node:zlib';
import { protectionColour, type ProtectionColour } from '../../shared/protection.ts';
import type { TrayState } from './tray.ts';

type Rgb = readonly [number, number, number];

// The same colours as the window's status badge (renderer/styles/theme.css --status-*).
const rgb: Record<ProtectionColour, Rgb> = {
  grey: [120, 120, 120],
  red: [198, 40, 40],
  amber: [230, 150, 0],
  blue: [21, 101, 192],
  green: [46, 125, 50],
  purple: [107, 63, 160], // --badge-simulated-bg: the demo's colour wherever it shows
};

export const stateColours = Object.fromEntries(Object.entries(protectionColour).map(([state, colour]) => [state, rgb[colour]])) as Record<TrayState, Rgb>;

// Mid blue-grey: visible on both light and dark panels.
const RING: Rgb = [96, 125, 139];

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes straight RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The mark at `size` pixels, 4×4 supersampled so the edges are smooth at 16 px. */
export function drawMark(size: number, dot: Rgb): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const c = size / 2;
  const outer = size * 0.47;
  const inner = size * 0.33;
  const dotR = size * 0.22;
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let ring = 0;
      let fill = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const d = Math.hypot(x + (sx + 0.5) / S - c, y + (sy + 0.5) / S - c);
          if (d <= outer && d >= inner) ring++;
          else if (d <= dotR) fill++;
        }
      }
      const a = (ring + fill) / (S * S);
      const i = (y * size + x) * 4;
      if (a === 0) continue;
      const mix = (k: 0 | 1 | 2) => Math.round((RING[k] * ring + dot[k] * fill) / (ring + fill));
      out[i] = mix(0);
      out[i + 1] = mix(1);
      out[i + 2] = mix(2);
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

export function markPng(size: number, state: TrayState): Buffer {
  return encodePng(size, size, drawMark(size, stateColours[state]));
}
