/**
 * Reader for NumPy .npy arrays (format versions 1-3) holding unsigned 8-bit data, as found
 * inside .npz archives (MedMNIST). The header is a Python dict literal, parsed with
 * parsePythonLiteral. Other dtypes and Fortran order are rejected with a clear message rather
 * than misread.
 */
import { parsePythonLiteral } from "./python-literal.js";

export interface NpyArray {
  dtype: "uint8";
  shape: number[];
  /** Row-major (C order) values; a view into the input buffer where possible. */
  data: Uint8Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

export function parseNpy(buf: Uint8Array, name = "array.npy"): NpyArray {
  if (buf.length < 10 || !MAGIC.every((b, i) => buf[i] === b)) throw new Error(`${name}: not a .npy file (bad magic)`);
  const major = buf[6]!;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else throw new Error(`${name}: unsupported .npy format version ${major}`);
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(buf.subarray(headerStart, headerStart + headerLen));
  const dict = parsePythonLiteral(header);
  if (dict === null || typeof dict !== "object" || Array.isArray(dict)) throw new Error(`${name}: header is not a dict: ${header.trim()}`);
  const { descr, fortran_order: fortran, shape } = dict as Record<string, unknown>;
  if (descr !== "|u1" && descr !== "u1" && descr !== "<u1" && descr !== ">u1") throw new Error(`${name}: dtype ${String(descr)} is not supported (only uint8)`);
  if (fortran !== false) throw new Error(`${name}: Fortran-ordered arrays are not supported`);
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number" || !Number.isInteger(d) || d < 0)) {
    throw new Error(`${name}: bad shape ${JSON.stringify(shape)}`);
  }
  const dims = shape as number[];
  const count = dims.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLen;
  if (buf.length - dataStart !== count) {
    throw new Error(`${name}: ${buf.length - dataStart} data bytes for shape (${dims.join(", ")}), expected ${count}`);
  }
  return { dtype: "uint8", shape: dims, data: buf.subarray(dataStart, dataStart + count) };
}
