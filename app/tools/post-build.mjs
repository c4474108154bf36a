// Trunk post_build hook (Trunk runs a stage's hooks concurrently, so there is one that does
// everything to the staged files, then rewrites index.html once):
//
// - every build: repairs the externref table export that Debian's wasm-opt 108 breaks
//   (fix-externref-export.mjs has the details);
// - release builds: trims what the browser never uses from the download — the wasm's custom
//   sections (`producers`, `target_features`, …; a debug build keeps its `name` section) and
//   the comment lines and indentation of wasm-bindgen's JS (Trunk's own JS minifier cannot
//   parse that file). Only whole lines are removed, and wasm-bindgen's JS has no string that
//   spans lines, so the code itself is untouched;
// - release builds: drops the JS classes and wasm exports the page never uses and shortens
//   the names JS and wasm share (names.mjs);
// - release builds: splits the app's wasm in two, the first lesson's code and the rest
//   (split.mjs has the details), and adds the loader of the second to the app's JS.
//
// Every file it changes gets its new integrity hash in index.html.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { repair } from './fix-externref-export.mjs';
import { withoutUnusedClasses, withShortNames } from './names.mjs';
import { exportedTables, lazyFragments, loader, optimize, split, withLoader, withTableImportsFixed } from './split.mjs';

function u32(bytes, pos) {
  let result = 0, shift = 0, b;
  do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [result, pos];
}

/** The module without its custom sections (id 0), or null if it has none. */
export function dropCustomSections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly module');
  const kept = [bytes.subarray(0, 8)];
  let pos = 8, dropped = false;
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos];
    const [size, body] = u32(bytes, pos + 1);
    pos = body + size;
    if (pos > bytes.length) throw new Error('truncated section');
    if (id === 0) dropped = true;
    else kept.push(bytes.subarray(start, pos));
  }
  return dropped ? Buffer.concat(kept) : null;
}

/**
 * wasm-bindgen's JS without comment lines (`// …`, and `/* … *\/` blocks that start a line)
 * and without indentation and blank lines. A line with code after a comment's end keeps it.
 */
export function stripJs(text) {
  const out = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (!inBlock && line.startsWith('/*')) inBlock = true;
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    out.push(line);
  }
  return out.join('\n') + '\n';
}

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

function main() {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  const release = process.env.TRUNK_PROFILE === 'release';
  const indexPath = join(staging, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const rewrite = (file, after) => {
    const path = join(staging, file);
    const before = readFileSync(path);
    writeFileSync(path, after);
    html = html.split(sri(before)).join(sri(after));
  };
  // Release builds: the app's wasm in two (split.mjs), the loader of the second in its JS.
  const done = new Set();
  const app = readdirSync(staging).find((f) => /^app-[0-9a-f]+_bg\.wasm$/.test(f));
  if (release && app) {
    const jsFile = app.replace(/_bg\.wasm$/, '.js');
    let { wasm, js } = withoutUnusedClasses(readFileSync(join(staging, app)), stripJs(readFileSync(join(staging, jsFile), 'utf8')));
    const short = withShortNames(wasm, js);
    ({ wasm, js } = short);
    const parts = split(wasm, lazyFragments(fileURLToPath(new URL('../../lessons/content', import.meta.url))));
    if (!parts) throw new Error(`post-build: nothing of ${app} matched the code to load later`);
    const trim = (bytes) => { const r = repair(bytes) ?? bytes; return dropCustomSections(r) ?? r; };
    const primary = trim(optimize(parts.primary));
    const lazy = trim(withTableImportsFixed(optimize(parts.lazy), primary));
    const lazyFile = app.replace(/_bg\.wasm$/, '_lazy.wasm');
    writeFileSync(join(staging, lazyFile), lazy);
    rewrite(app, primary);
    rewrite(jsFile, Buffer.from(withLoader(js, loader(lazyFile, sri(lazy), exportedTables(primary).get(0x70)))));
    console.log(`post-build: ${short.renamed} names shortened; ${parts.moved} functions of ${app} moved to ${lazyFile} (${primary.length} + ${lazy.length} bytes)`);
    done.add(app).add(jsFile).add(lazyFile);
  }
  for (const file of readdirSync(staging)) {
    const path = join(staging, file);
    if (done.has(file)) continue;
    if (file.endsWith('.wasm')) {
      let bytes = readFileSync(path);
      const repaired = repair(bytes);
      if (repaired) {
        bytes = repaired;
        console.log(`post-build: pointed __wbindgen_externrefs in ${file} back at its externref table`);
      }
      const trimmed = release ? dropCustomSections(bytes) : null;
      if (trimmed) bytes = trimmed;
      if (repaired || trimmed) rewrite(file, bytes);
    } else if (release && file.endsWith('.js')) {
      const text = readFileSync(path, 'utf8');
      const stripped = stripJs(text);
      if (stripped !== text) rewrite(file, Buffer.from(stripped));
    }
  }
  writeFileSync(indexPath, html);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
