/**
 * Pixel work for the visual tools, on the real image files: decoding (sharp), a small synchronous
 * PNG encoder for images the domain writes itself (PneumoniaMNIST arrays, synthetic follow-up
 * studies), header-only size reading, and the measurements the tools report (region statistics,
 * histograms, Otsu segmentation with connected components, sharpness, entropy, descriptors for
 * similarity search). Everything works on 8-bit grayscale, row-major.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { dataDir } from "../../src/data/resolve.js";

export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ------------------------------------------------------------------ files

/** Where the domain writes images it derives (crops, zooms, PNG copies of array datasets). */
export function derivedDir(...parts: string[]): string {
  return join(dataDir(), "derived", "visual_diagnosis", ...parts);
}

/** Writes a file once (content-addressed names make a second write pointless), atomically. */
export function writeOnce(path: string, bytes: Uint8Array): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** Width and height from a PNG or JPEG header, read synchronously (task generation is synchronous). */
export function imageSize(path: string): { width: number; height: number } {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(65_536);
    const n = readSync(fd, head, 0, head.length, 0);
    const b = head.subarray(0, n);
    if (b[0] === 0x89 && b[1] === 0x50) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (b[0] === 0xff && b[1] === 0xd8) {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) {
          i++;
          continue;
        }
        const marker = b[i + 1]!;
        const len = b.readUInt16BE(i + 2);
        // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
        i += 2 + len;
      }
    }
    throw new Error(`${path}: not a PNG or baseline/progressive JPEG, or the size is not in the first 64 KiB`);
  } finally {
    closeSync(fd);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit grayscale PNG, synchronously (sharp is async-only; createState is synchronous). */
export function encodePngGray(img: GrayImage): Buffer {
  const { width, height, data } = img;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    Buffer.from(data.buffer, data.byteOffset + y * width, width).copy(raw, y * (width + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array(0))]);
}

// ------------------------------------------------------------------ decoding

const decoded = new Map<string, Promise<GrayImage>>();
const DECODE_CACHE = 48;

/** The image as 8-bit grayscale; a small per-process cache keeps repeated tool calls cheap. */
export function decodeGray(path: string): Promise<GrayImage> {
  let hit = decoded.get(path);
  if (hit) {
    decoded.delete(path);
    decoded.set(path, hit);
    return hit;
  }
  hit = sharp(path)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => {
      const n = info.width * info.height;
      if (info.channels === 1) return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, n) };
      // Grey with alpha (or anything else interleaved): keep the first channel.
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = data[i * info.channels]!;
      return { width: info.width, height: info.height, data: out };
    });
  hit.catch(() => decoded.delete(path));
  decoded.set(path, hit);
  while (decoded.size > DECODE_CACHE) decoded.delete(decoded.keys().next().value!);
  return hit;
}

export function cropGray(img: GrayImage, b: Box): GrayImage {
  const out = new Uint8Array(b.width * b.height);
  for (let y = 0; y < b.height; y++) out.set(img.data.subarray((b.y + y) * img.width + b.x, (b.y + y) * img.width + b.x + b.width), y * b.width);
  return { width: b.width, height: b.height, data: out };
}

/** Zoom with a Lanczos kernel (sharp), returned as PNG bytes and the new size. */
export async function zoomPng(img: GrayImage, b: Box, scale: number): Promise<{ png: Buffer; width: number; height: number }> {
  const c = cropGray(img, b);
  const width = Math.max(1, Math.round(b.width * scale));
  const height = Math.max(1, Math.round(b.height * scale));
  const png = await sharp(Buffer.from(c.data), { raw: { width: c.width, height: c.height, channels: 1 } })
    .resize(width, height, { kernel: "lanczos3" })
    .png({ compressionLevel: 2 })
    .toBuffer();
  return { png, width, height };
}

// ------------------------------------------------------------------ statistics

export interface RegionStats {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  p5: number;
  p50: number;
  p95: number;
  histogram: number[];
}

export function regionStats(img: GrayImage, b: Box, bins = 8): RegionStats {
  const hist256 = new Uint32Array(256);
  let sum = 0;
  let sum2 = 0;
  for (let y = b.y; y < b.y + b.height; y++) {
    const row = y * img.width;
    for (let x = b.x; x < b.x + b.width; x++) {
      const v = img.data[row + x]!;
      hist256[v]!++;
      sum += v;
      sum2 += v * v;
    }
  }
  const n = b.width * b.height;
  const mean = sum / n;
  const q = (p: number) => {
    let acc = 0;
    const target = p * n;
    for (let v = 0; v < 256; v++) {
      acc += hist256[v]!;
      if (acc >= target) return v;
    }
    return 255;
  };
  let min = 0;
  while (min < 255 && hist256[min] === 0) min++;
  let max = 255;
  while (max > 0 && hist256[max] === 0) max--;
  const histogram = new Array<number>(bins).fill(0);
  for (let v = 0; v < 256; v++) histogram[Math.min(bins - 1, Math.floor((v * bins) / 256))]! += hist256[v]!;
  return { n, mean, std: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), min, max, p5: q(0.05), p50: q(0.5), p95: q(0.95), histogram };
}

/** Shannon entropy of the 256-level histogram, bits. */
export function entropy(img: GrayImage, b: Box): number {
  const s = regionStats(img, b, 256);
  let h = 0;
  for (const c of s.histogram) if (c > 0) h -= (c / s.n) * Math.log2(c / s.n);
  return h;
}

/** Variance of the 4-neighbour Laplacian: a standard focus/sharpness measure. */
export function laplacianVariance(img: GrayImage, b: Box): number {
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  for (let y = Math.max(1, b.y); y < Math.min(img.height - 1, b.y + b.height); y++) {
    for (let x = Math.max(1, b.x); x < Math.min(img.width - 1, b.x + b.width); x++) {
      const i = y * img.width + x;
      const d = img.data;
      const l = d[i - 1]! + d[i + 1]! + d[i - img.width]! + d[i + img.width]! - 4 * d[i]!;
      sum += l;
      sum2 += l * l;
      n++;
    }
  }
  if (n === 0) return 0;
  const m = sum / n;
  return sum2 / n - m * m;
}

/** Mean absolute difference between the left half and the mirrored right half, 0-255. */
export function asymmetry(img: GrayImage): number {
  const half = Math.floor(img.width / 2);
  let s = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < half; x++) s += Math.abs(img.data[y * img.width + x]! - img.data[y * img.width + img.width - 1 - x]!);
  return s / (half * img.height || 1);
}

/** Otsu's threshold of a region (maximises between-class variance). */
export function otsu(img: GrayImage, b: Box): number {
  const s = regionStats(img, b, 256);
  const total = s.n;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * s.histogram[v]!;
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let thr = 127;
  for (let t = 0; t < 256; t++) {
    wB += s.histogram[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * s.histogram[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      thr = t;
    }
  }
  return thr;
}

export interface Segment {
  /** Pixels in the object. */
  area: number;
  bbox: Box;
  /** Longest extent over 36 directions (a close approximation of the maximum Feret diameter), px. */
  longestPx: number;
  /** Extent perpendicular to the longest, px. */
  perpendicularPx: number;
  meanInside: number;
  meanBackground: number;
  stdBackground: number;
  polarity: "bright" | "dark";
  centroid: { x: number; y: number };
}

/**
 * The dominant discrete object in a box: smooth 3x3, threshold at Otsu, take the class that differs
 * from the box border (the background), keep the largest 4-connected component not touching the
 * border. Null when nothing stands out: fewer than 12 pixels or a contrast under 4 background SDs.
 */
export function segmentObject(img: GrayImage, b: Box): Segment | null {
  const w = b.width;
  const h = b.height;
  // 3x3 mean filter through a summed-area table over the box plus a one-pixel rim (clamped at the
  // image edge): O(pixels) instead of nine reads per pixel.
  const x0i = Math.max(0, b.x - 1);
  const y0i = Math.max(0, b.y - 1);
  const x1i = Math.min(img.width - 1, b.x + w);
  const y1i = Math.min(img.height - 1, b.y + h);
  const sw = x1i - x0i + 2;
  const sat = new Float64Array(sw * (y1i - y0i + 2));
  for (let y = y0i; y <= y1i; y++) {
    let row = 0;
    const r = (y - y0i + 1) * sw;
    for (let x = x0i; x <= x1i; x++) {
      row += img.data[y * img.width + x]!;
      sat[r + (x - x0i + 1)] = sat[r - sw + (x - x0i + 1)]! + row;
    }
  }
  const sm = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const gy = b.y + y;
    const ya = gy - 1 < y0i ? y0i : gy - 1;
    const yb = gy + 1 > y1i ? y1i : gy + 1;
    const rA = (ya - y0i) * sw;
    const rD = (yb - y0i + 1) * sw;
    for (let x = 0; x < w; x++) {
      const gx = b.x + x;
      const xa = gx - 1 < x0i ? x0i : gx - 1;
      const xb = gx + 1 > x1i ? x1i : gx + 1;
      const cA = xa - x0i;
      const cB = xb - x0i + 1;
      sm[y * w + x] = (sat[rD + cB]! - sat[rA + cB]! - sat[rD + cA]! + sat[rA + cA]!) / ((xb - xa + 1) * (yb - ya + 1));
    }
  }
  const smData = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) smData[i] = (sm[i]! + 0.5) | 0;
  const smoothed: GrayImage = { width: w, height: h, data: smData };
  const thr = otsu(smoothed, { x: 0, y: 0, width: w, height: h });
  const border: number[] = [];
  for (let x = 0; x < w; x++) border.push(sm[x]!, sm[(h - 1) * w + x]!);
  for (let y = 0; y < h; y++) border.push(sm[y * w]!, sm[y * w + w - 1]!);
  border.sort((p, q) => p - q);
  const bgMedian = border[Math.floor(border.length / 2)]!;
  const bright = bgMedian <= thr;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) mask[i] = (bright ? sm[i]! > thr : sm[i]! <= thr) ? 1 : 0;
  const label = new Int32Array(w * h);
  let bestLabel = 0;
  let bestArea = 0;
  let next = 0;
  const stack = new Int32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (!mask[i] || label[i]) continue;
    next++;
    let area = 0;
    let touches = false;
    let top = 0;
    stack[top++] = i;
    label[i] = next;
    while (top > 0) {
      const p = stack[--top]!;
      area++;
      const px = p % w;
      const py = (p - px) / w;
      if (px === 0 || py === 0 || px === w - 1 || py === h - 1) touches = true;
      if (px > 0 && mask[p - 1] && !label[p - 1]) {
        label[p - 1] = next;
        stack[top++] = p - 1;
      }
      if (px < w - 1 && mask[p + 1] && !label[p + 1]) {
        label[p + 1] = next;
        stack[top++] = p + 1;
      }
      if (py > 0 && mask[p - w] && !label[p - w]) {
        label[p - w] = next;
        stack[top++] = p - w;
      }
      if (py < h - 1 && mask[p + w] && !label[p + w]) {
        label[p + w] = next;
        stack[top++] = p + w;
      }
    }
    if (!touches && area > bestArea) {
      bestArea = area;
      bestLabel = next;
    }
  }
  if (bestArea < 12) return null;
  let sIn = 0;
  let sOut = 0;
  let s2Out = 0;
  let nOut = 0;
  let cx = 0;
  let cy = 0;
  let bx0 = w;
  let by0 = h;
  let bx1 = 0;
  let by1 = 0;
  // Boundary pixels suffice for the diameters and are far fewer than the object's pixels.
  const edgeX: number[] = [];
  const edgeY: number[] = [];
  for (let y = 0; y < h; y++) {
    const rowImg = (b.y + y) * img.width + b.x;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = img.data[rowImg + x]!;
      if (label[i] === bestLabel) {
        sIn += v;
        cx += x;
        cy += y;
        if (x < bx0) bx0 = x;
        if (y < by0) by0 = y;
        if (x > bx1) bx1 = x;
        if (y > by1) by1 = y;
        if (label[i - 1] !== bestLabel || label[i + 1] !== bestLabel || label[i - w] !== bestLabel || label[i + w] !== bestLabel) {
          edgeX.push(x);
          edgeY.push(y);
        }
      } else if (!mask[i]) {
        sOut += v;
        s2Out += v * v;
        nOut++;
      }
    }
  }
  const meanIn = sIn / bestArea;
  const meanOut = nOut ? sOut / nOut : 0;
  const stdOut = nOut ? Math.sqrt(Math.max(0, s2Out / nOut - meanOut * meanOut)) : 0;
  if (Math.abs(meanIn - meanOut) < 4 * Math.max(stdOut, 1)) return null;
  const extent = (a: number) => {
    const ca = Math.cos(a);
    const sa = Math.sin(a);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < edgeX.length; k++) {
      const pr = edgeX[k]! * ca + edgeY[k]! * sa;
      if (pr < lo) lo = pr;
      if (pr > hi) hi = pr;
    }
    return hi - lo;
  };
  // Longest extent over 36 directions; +1 because pixel centres span one pixel less than the object.
  let longest = 0;
  let bestAngle = 0;
  for (let k = 0; k < 36; k++) {
    const e = extent((k * Math.PI) / 36);
    if (e > longest) {
      longest = e;
      bestAngle = (k * Math.PI) / 36;
    }
  }
  return {
    area: bestArea,
    bbox: { x: b.x + bx0, y: b.y + by0, width: bx1 - bx0 + 1, height: by1 - by0 + 1 },
    longestPx: longest + 1,
    perpendicularPx: extent(bestAngle + Math.PI / 2) + 1,
    meanInside: meanIn,
    meanBackground: meanOut,
    stdBackground: stdOut,
    polarity: meanIn > meanOut ? "bright" : "dark",
    centroid: { x: b.x + cx / bestArea, y: b.y + cy / bestArea },
  };
}

/** A 16x16 area-averaged, zero-mean unit-norm descriptor for cosine similarity between images. */
export function descriptor(img: GrayImage, size = 16): Float32Array {
  const out = new Float32Array(size * size);
  for (let gy = 0; gy < size; gy++)
    for (let gx = 0; gx < size; gx++) {
      const xa = Math.floor((gx * img.width) / size);
      const xb = Math.max(xa + 1, Math.floor(((gx + 1) * img.width) / size));
      const ya = Math.floor((gy * img.height) / size);
      const yb = Math.max(ya + 1, Math.floor(((gy + 1) * img.height) / size));
      let s = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) s += img.data[y * img.width + x]!;
      out[gy * size + gx] = s / ((xb - xa) * (yb - ya));
    }
  let m = 0;
  for (const v of out) m += v;
  m /= out.length;
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = out[i]! - m;
    n += out[i]! * out[i]!;
  }
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function fullBox(img: { width: number; height: number }): Box {
  return { x: 0, y: 0, width: img.width, height: img.height };
}
