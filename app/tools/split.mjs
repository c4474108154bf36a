// Splits the app's release wasm in two (post-build.mjs calls it), so that the first lesson's
// download holds only what the first lesson runs:
//
// - the primary wasm, which index.html loads: everything but the code below;
// - the lazy wasm (`<name>_lazy.wasm`), fetched once the first lesson is interactive or
//   before another lesson is built (app/src/lazy.rs): every lesson's simulation but the first
//   lesson's (`lessons::scenarios::<module>` for each other lesson of the registry, with every
//   generic instance over its types), the virtual `http.Client` (`lessons::client`), which
//   only lessons with an upstream use, `sync.WaitGroup`/`Mutex`/`RWMutex` (`sim_runtime::sync`,
//   `rwmutex`), and the review's quiz (`app::components::quiz`). (Their listings are fetched
//   with it, `text/listings.txt`: see app/src/lazy.rs.)
//
// Binaryen's `wasm-split` does the cut: a call from the primary into split-out code goes
// through the function table, whose slots hold placeholder imports until the lazy wasm,
// instantiated against the primary's exports, writes its functions into them. The
// placeholders (`placeholder` imports, named by table slot) are JavaScript: should one be
// called before the lazy wasm is there, it loads it synchronously and counts that in
// `window.__leaklabLazy.syncLoads` (the e2e tests hold the first lesson to zero).
//
// The functions are chosen by the names wasm-bindgen's output carries, so Trunk does not run
// wasm-opt on this module (index.html): it runs here, on each part after the split
// (`optimize`), and the parts carry no names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function u32(bytes, pos) {
  let result = 0, shift = 0, b;
  do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [result, pos];
}

/** `n` as unsigned LEB128. */
export function leb(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}

/** The module's sections as [id, body] pairs. */
export function sectionsOf(bytes) {
  const out = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, body] = u32(bytes, pos + 1);
    pos = body + size;
    out.push([id, bytes.subarray(body, pos)]);
  }
  return out;
}

/** A name (vec of bytes) at `p`: [text, next position]. */
export function nameAt(bytes, p) {
  const [len, q] = u32(bytes, p);
  return [bytes.subarray(q, q + len).toString(), q + len];
}

/**
 * The import section entry at `p` of its `body`: its module and field names, where its
 * description (kind byte first) starts, and where the entry ends.
 */
export function importAt(body, p) {
  let module, field;
  [module, p] = nameAt(body, p);
  [field, p] = nameAt(body, p);
  const desc = p;
  const kind = body[p++];
  if (kind === 0) p = u32(body, p)[1];
  else if (kind === 1) { const f = body[p + 1]; p = u32(body, p + 2)[1]; if (f & 1) p = u32(body, p)[1]; }
  else if (kind === 2) { const f = body[p]; p = u32(body, p + 1)[1]; if (f & 1) p = u32(body, p)[1]; }
  else if (kind === 3) p += 2;
  else throw new Error(`import kind ${kind}`);
  return { module, field, desc, end: p };
}

/** The names under which `primary` exports its tables, by element type (0x70 funcref, 0x6f externref). */
export function exportedTables(primary) {
  const types = [];
  const byType = new Map();
  for (const [id, body] of sectionsOf(primary)) {
    if (id === 2) {
      let [count, p] = u32(body, 0);
      for (let i = 0; i < count; i++) {
        const entry = importAt(body, p);
        if (body[entry.desc] === 1) types.push(body[entry.desc + 1]);
        p = entry.end;
      }
    } else if (id === 4) {
      let [count, p] = u32(body, 0);
      for (let i = 0; i < count; i++) { types.push(body[p]); const f = body[p + 1]; p = u32(body, p + 2)[1]; if (f & 1) p = u32(body, p)[1]; }
    } else if (id === 7) {
      let [count, p] = u32(body, 0);
      for (let i = 0; i < count; i++) {
        let name;
        [name, p] = nameAt(body, p);
        const kind = body[p++];
        let index;
        [index, p] = u32(body, p);
        if (kind === 1) {
          if (byType.has(types[index])) throw new Error(`the primary wasm exports two tables of type 0x${types[index].toString(16)}`);
          byType.set(types[index], name);
        }
      }
    }
  }
  return byType;
}

/**
 * The lazy module with its tables imported under the names the primary exports them by (for
 * their element type), and without a maximum size. Binaryen 108's wasm-split swaps the names
 * of the funcref table and wasm-bindgen's externref table (the bug fix-externref-export.mjs
 * repairs in wasm-opt's output), and gives the import a maximum the primary need not declare.
 */
export function withTableImportsFixed(lazy, primary) {
  const names = exportedTables(primary);
  const parts = [lazy.subarray(0, 8)];
  for (const [id, body] of sectionsOf(lazy)) {
    if (id !== 2) { parts.push(Buffer.from([id]), leb(body.length), body); continue; }
    const out = [];
    let [count, p] = u32(body, 0);
    out.push(leb(count));
    for (let i = 0; i < count; i++) {
      const from = p;
      const [, afterModule] = nameAt(body, p);
      let field;
      [field, p] = nameAt(body, afterModule);
      const kind = body[p++];
      if (kind === 1) {
        const type = body[p];
        const flags = body[p + 1];
        const [min, q] = u32(body, p + 2);
        p = flags & 1 ? u32(body, q)[1] : q;
        const name = Buffer.from(names.get(type) ?? field);
        out.push(body.subarray(from, afterModule), leb(name.length), name, Buffer.from([1, type, flags & ~1]), leb(min));
        continue;
      }
      if (kind === 0) p = u32(body, p)[1];
      else if (kind === 2) { const flags = body[p]; p = u32(body, p + 1)[1]; if (flags & 1) p = u32(body, p)[1]; }
      else if (kind === 3) p += 2;
      else throw new Error(`import kind ${kind}`);
      out.push(body.subarray(from, p));
    }
    const content = Buffer.concat(out);
    parts.push(Buffer.from([2]), leb(content.length), content);
  }
  return Buffer.concat(parts);
}

/** The names of the module's functions (the `name` section's function names), in index order. */
export function functionNames(bytes) {
  const names = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, body] = u32(bytes, pos + 1);
    pos = body + size;
    if (id !== 0) continue;
    let [len, p] = u32(bytes, body);
    if (bytes.subarray(p, p + len).toString() !== 'name') continue;
    p += len;
    while (p < pos) {
      const sub = bytes[p];
      const [subSize, subBody] = u32(bytes, p + 1);
      p = subBody + subSize;
      if (sub !== 1) continue;
      let [count, q] = u32(bytes, subBody);
      for (let i = 0; i < count; i++) {
        let index, nameLen;
        [index, q] = u32(bytes, q);
        [nameLen, q] = u32(bytes, q);
        names.push(bytes.subarray(q, q + nameLen).toString());
        q += nameLen;
      }
    }
  }
  return names;
}

/**
 * A function's name as binaryen 108 reads it from the name section: a character outside the
 * text format's identifier characters becomes `\\` and two hex digits (`{` is `\\7b`).
 */
export function binaryenName(name) {
  const id = /[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]/;
  return [...Buffer.from(name)].map((b) => {
    const c = String.fromCharCode(b);
    return b < 0x80 && id.test(c) ? c : '\\' + b.toString(16).padStart(2, '0');
  }).join('');
}

/** A module path as a function's name holds it (wasm-bindgen demangles the names). */
const component = (...path) => [`${path.join('::')}::`];

/**
 * The mangled-name fragments of the code that goes into the lazy wasm, from the lesson
 * registry (`lessons/content/<id>/lesson.toml`): the simulation of every lesson but the one
 * with the lowest `order`, the HTTP client and the quiz.
 */
export function lazyFragments(contentDir) {
  const lessons = readdirSync(contentDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const toml = readFileSync(join(contentDir, d.name, 'lesson.toml'), 'utf8');
      const order = Number(/^order\s*=\s*(\d+)/m.exec(toml)?.[1]);
      if (!Number.isFinite(order)) throw new Error(`${d.name}/lesson.toml has no order`);
      return { id: d.name, order };
    })
    .sort((a, b) => a.order - b.order);
  if (lessons.length < 2) throw new Error(`${contentDir}: fewer than two lessons, nothing to split`);
  return [
    ...lessons.slice(1).flatMap((l) => component('scenarios', l.id.replaceAll('-', '_'))),
    ...component('lessons', 'client'),
    ...component('components', 'quiz'),
    // WaitGroup, Mutex and RWMutex: only the later lessons' programs take them.
    ...component('sim_runtime', 'sync'),
    ...component('sim_runtime', 'rwmutex'),
    // What the first lesson runs only on a click, after the page has fetched this part
    // (`app/src/lazy.rs`, `load_then`): the dumps that list every goroutine on its own
    // (debug=2, goleak; debug=1 and goroutineleak stay), the profile's encoder, searching a
    // dump, making the embed snippet.
    ...PER_GOROUTINE_DUMP.map((f) => `sim_runtime::dump::${f}`),
    ...component('sim_runtime', 'pprof'),
    'sim_runtime::dump::profile_raw',
    'sim_runtime::profile_inner',
    'app::components::dump::find_step',
    ...component('app', 'components', 'embed', 'later'),
  ];
}

/** `sim_runtime::dump`'s functions that only the per-goroutine dumps (debug=2, goleak) call. */
const PER_GOROUTINE_DUMP = ['write_part', 'write_goroutine', 'write_all_goroutines', 'write_stack', 'write_frames',
  'write_args', 'write_created_by', 'show_frame', 'state_text', 'debug2', 'goleak', 'leak2'];

const FEATURES = ['--enable-reference-types', '--enable-bulk-memory', '--enable-mutable-globals',
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-multivalue'];

/**
 * What Trunk's wasm-opt did to the other wasm modules (index.html), done here to the two parts
 * after the split: optimising first would need the names kept (`-g`), which costs the primary
 * about 3 kB gzipped.
 */
export const OPT = ['-Oz', '--converge', '--low-memory-unused', '--one-caller-inline-max-function-size=30'];

/** `bytes` through wasm-opt with `OPT`. */
export function optimize(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-opt-'));
  try {
    writeFileSync(join(dir, 'in.wasm'), bytes);
    execFileSync('wasm-opt', [join(dir, 'in.wasm'), ...OPT, ...FEATURES, '-o', join(dir, 'out.wasm')], { stdio: ['ignore', 'inherit', 'inherit'] });
    return readFileSync(join(dir, 'out.wasm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Splits `bytes` (a module with a `name` section): returns `{ primary, lazy, moved }`, or
 * null when no function matches (nothing to split).
 */
export function split(bytes, fragments) {
  const names = functionNames(bytes);
  if (names.length === 0) throw new Error('the app wasm has no name section: is wasm-opt run with -g?');
  const moved = names.filter((n) => fragments.some((f) => n.includes(f)));
  if (moved.length === 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-split-'));
  try {
    writeFileSync(join(dir, 'in.wasm'), bytes);
    writeFileSync(join(dir, 'funcs.txt'), moved.map(binaryenName).join('\n') + '\n');
    execFileSync('wasm-split', [join(dir, 'in.wasm'), '--split', `--split-funcs=@${join(dir, 'funcs.txt')}`,
      '-o1', join(dir, 'primary.wasm'), '-o2', join(dir, 'lazy.wasm'), ...FEATURES], { stdio: ['ignore', 'ignore', 'inherit'] });
    const primary = readFileSync(join(dir, 'primary.wasm'));
    return { primary, lazy: readFileSync(join(dir, 'lazy.wasm')), moved: moved.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The loader of the lazy wasm (`file`, with SRI `integrity`; `table` the primary's export of its
 * funcref table, whose slots the placeholders stand for), added to wasm-bindgen's JS as
 * `window.__leaklabLazy` (short names: it is part of the first lesson's download). `I` the
 * lazy instance, `M` its compiled module, `P` the pending load, `T` the primary's funcref
 * table; `n()` instantiates `M` against the primary's exports (`wasm`), `x()` fetches the
 * bytes synchronously (a placeholder called before the load finished).
 */
export function loader(file, integrity, table) {
  const f = JSON.stringify(file);
  return `const __leaklabLazy = (() => {
const u = new URL(${f}, import.meta.url);
let I = null, M = null, P = null, T = null;
const n = () => { if (!I) { I = new WebAssembly.Instance(M, { primary: wasm }); T = wasm[${JSON.stringify(table)}]; } };
const x = () => { const r = new XMLHttpRequest(); r.open('GET', u, false); r.overrideMimeType('text/plain; charset=x-user-defined'); r.send(); if (r.status !== 200) throw new Error(${f} + ': HTTP ' + r.status); return Uint8Array.from(r.responseText, (c) => c.charCodeAt(0) & 255); };
const a = {
syncLoads: 0,
ready: () => I !== null,
load: () => P ??= fetch(u, { integrity: ${JSON.stringify(integrity)} }).then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error('HTTP ' + r.status))).then(WebAssembly.compile).then((m) => { M ??= m; n(); }).catch((e) => { P = null; throw new Error(${f} + ': ' + (e.message ?? e)); }),
placeholders: new Proxy({}, { get: (_, s) => (...v) => { if (!I) { a.syncLoads++; M ??= new WebAssembly.Module(x()); n(); } return T.get(Number(s))(...v); } }),
};
return window.__leaklabLazy = a;
})();
`;
}

/** wasm-bindgen's JS with the loader added and the placeholders among the wasm's imports. */
export function withLoader(js, loaderJs) {
  // The object `__wbg_get_imports` returns names the wasm-bindgen module: `"./app_bg.js": import0,`.
  const start = js.indexOf('function __wbg_get_imports()');
  const at = start < 0 ? -1 : js.indexOf('": import0,', start);
  const line = at < 0 ? -1 : js.lastIndexOf('\n', at) + 1;
  if (line <= 0) throw new Error("wasm-bindgen's JS has no __wbg_get_imports returning import0: cannot add the lazy wasm's placeholders");
  return js.slice(0, line) + 'placeholder: __leaklabLazy.placeholders,\n' + js.slice(line) + loaderJs;
}
