// A small PNG decoder for tests: 8-bit RGB or RGBA, non-interlaced (what pdftoppm -png writes), with the CRC of
// every chunk checked. Anything else is refused with a clear error rather than decoded wrongly.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA). */
  channels: 3 | 4;
  /** Row-major samples, `channels` per pixel, no filter bytes. */
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(file: Uint8Array): DecodedPng {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < 8 || SIGNATURE.some((value, i) => bytes[i] !== value))
    throw new Error('not a PNG (bad signature)');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset + 12 <= bytes.length && !ended) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > bytes.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    const body = bytes.subarray(offset + 8, end);
    if (crc32(bytes.subarray(offset + 4, end)) !== bytes.readUInt32BE(end))
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8] ?? 0,
        colorType: body[9] ?? 0,
        interlace: body[12] ?? 0,
      };
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
    offset = end + 4;
  }
  if (header === undefined) throw new Error('PNG has no IHDR chunk');
  if (!ended) throw new Error('PNG has no IEND chunk');
  const { width, height, bitDepth, colorType, interlace } = header;
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    throw new Error(
      `unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace} ` +
        '(only 8-bit RGB/RGBA, non-interlaced)',
    );
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (stride + 1))
    throw new Error(`PNG image data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const data = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const input = y * (stride + 1) + 1;
    const row = y * stride;
    const previous = row - stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[input + x] as number;
      const left = x >= channels ? (data[row + x - channels] as number) : 0;
      const up = y > 0 ? (data[previous + x] as number) : 0;
      const upLeft = y > 0 && x >= channels ? (data[previous + x - channels] as number) : 0;
      let decoded: number;
      switch (filter) {
        case 0:
          decoded = value;
          break;
        case 1:
          decoded = value + left;
          break;
        case 2:
          decoded = value + up;
          break;
        case 3:
          decoded = value + ((left + up) >> 1);
          break;
        case 4:
          decoded = value + paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`PNG row ${y} has an unknown filter type ${filter}`);
      }
      data[row + x] = decoded & 0xff;
    }
  }
  return { width, height, channels, data };
}

/** How many pixels are within `tolerance` (per channel) of the colour `rgb` ("#rrggbb" or [r, g, b]). */
export function countPixelsNear(
  image: DecodedPng,
  rgb: string | readonly [number, number, number],
  tolerance = 8,
): number {
  const [r, g, b] = typeof rgb === 'string' ? parseHexColour(rgb) : rgb;
  let count = 0;
  for (let i = 0; i < image.data.length; i += image.channels) {
    if (
      Math.abs((image.data[i] as number) - r) <= tolerance &&
      Math.abs((image.data[i + 1] as number) - g) <= tolerance &&
      Math.abs((image.data[i + 2] as number) - b) <= tolerance
    )
      count++;
  }
  return count;
}

export function parseHexColour(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1] as string, 16), parseInt(match[2] as string, 16), parseInt(match[3] as string, 16)];
}
