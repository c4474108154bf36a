// Repairs the table export that Debian's wasm-opt (binaryen 108) breaks. post-build.mjs, the
// Trunk post_build hook, calls `repair`; run alone, this file is such a hook by itself.
//
// wasm-bindgen 0.2.130 keeps JS values in an externref table exported as
// `__wbindgen_externrefs`. When a module has a funcref table first and exports a later table,
// binaryen 108 writes the export with table index 0, so the page dies at start-up with
// "WebAssembly.Table.set(): Argument 1 is invalid for table". (A two-table module shows it:
// `(table 2 funcref) (table 4 externref) (export "ext" (table 1))` comes out exporting table 0.)
// Newer binaryen releases do not do this; until the project moves to one, this hook points the
// export back at the externref table and updates the file's integrity hash in index.html.
// It changes nothing in a module whose export is already right, such as a debug build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXPORT_NAME = '__wbindgen_externrefs';
const FUNCREF = 0x70;
const EXTERNREF = 0x6f;

class Reader {
  constructor(bytes, pos = 0) { this.bytes = bytes; this.pos = pos; }
  byte() {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of module');
    return this.bytes[this.pos++];
  }
  u32() {
    let result = 0, shift = 0, b;
    do { b = this.byte(); result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  }
  skip(n) { this.pos += n; }
  name() { const len = this.u32(); const s = Buffer.from(this.bytes.subarray(this.pos, this.pos + len)).toString('utf8'); this.pos += len; return s; }
  limits() { const flags = this.byte(); if (flags > 1) throw new Error(`unsupported limits flags ${flags}`); this.u32(); if (flags & 1) this.u32(); }
}

function leb(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}

/** Returns the repaired module, or null when nothing needs repairing. */
export function repair(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly module');
  const sections = [];
  const r = new Reader(bytes, 8);
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const body = r.pos;
    r.skip(size);
    sections.push({ id, start, body, end: r.pos });
  }

  // The table index space: imported tables first, then defined ones.
  const tableTypes = [];
  for (const s of sections.filter((s) => s.id === 2)) {
    const i = new Reader(bytes, s.body);
    for (let n = i.u32(); n > 0; n--) {
      i.name(); i.name();
      const kind = i.byte();
      if (kind === 0) i.u32();
      else if (kind === 1) { tableTypes.push(i.byte()); i.limits(); }
      else if (kind === 2) { const flags = i.byte(); i.u32(); if (flags & 1) i.u32(); }
      else if (kind === 3) { i.byte(); i.byte(); }
      else throw new Error(`unsupported import kind ${kind}`);
    }
  }
  for (const s of sections.filter((s) => s.id === 4)) {
    const t = new Reader(bytes, s.body);
    for (let n = t.u32(); n > 0; n--) {
      const type = t.byte();
      if (type !== FUNCREF && type !== EXTERNREF) throw new Error(`unsupported table type 0x${type.toString(16)}`);
      tableTypes.push(type);
      t.limits();
    }
  }
  const externrefTable = tableTypes.indexOf(EXTERNREF);

  const exportSection = sections.find((s) => s.id === 7);
  if (!exportSection || externrefTable < 0) return null;
  const e = new Reader(bytes, exportSection.body);
  const entries = [];
  let changed = false;
  for (let n = e.u32(); n > 0; n--) {
    const nameStart = e.pos;
    const name = e.name();
    const nameBytes = bytes.subarray(nameStart, e.pos);
    const kind = e.byte();
    let index = e.u32();
    if (name === EXPORT_NAME && kind === 1 && tableTypes[index] !== EXTERNREF) {
      index = externrefTable;
      changed = true;
    }
    entries.push(Buffer.concat([nameBytes, Buffer.from([kind]), leb(index)]));
  }
  if (!changed) return null;
  const body = Buffer.concat([leb(entries.length), ...entries]);
  return Buffer.concat([
    bytes.subarray(0, exportSection.start),
    Buffer.from([7]), leb(body.length), body,
    bytes.subarray(exportSection.end),
  ]);
}

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

function main() {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  const indexPath = join(staging, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  for (const file of readdirSync(staging).filter((f) => f.endsWith('.wasm'))) {
    const path = join(staging, file);
    const before = readFileSync(path);
    const after = repair(before);
    if (!after) continue;
    writeFileSync(path, after);
    html = html.split(sri(before)).join(sri(after));
    console.log(`fix-externref-export: pointed ${EXPORT_NAME} in ${file} back at its externref table`);
  }
  writeFileSync(indexPath, html);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
