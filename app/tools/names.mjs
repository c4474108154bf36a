// What wasm-bindgen's output carries that the page never uses, trimmed by post-build.mjs in
// release builds before the split (split.mjs), so that both parts and the loader see the result:
//
// - `withoutUnusedClasses`: the JS classes of wasm-streams (`IntoUnderlyingSource`, …, which
//   Leptos's server functions bring along) and the wasm exports behind them. Only JS could make
//   one (the wasm never wraps one: no `X.__wrap`), and the page's JS is wasm-bindgen's alone, so
//   they are dead; without their exports wasm-opt drops the code they keep alive.
// - `withShortNames`: the names the JS and the wasm know each other's functions by
//   (`__wbg_setattribute_2b2c…`, `wasm_bindgen__convert__closures_____invoke__h…`), 180 of
//   them with a 16-digit hash each, written in both files; each becomes `$` and a base-36
//   number, in both.
import { importAt, leb, nameAt, sectionsOf, u32 } from './split.mjs';

/** The classes removed, when wasm-bindgen's JS has them. */
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/** A name that only wasm-bindgen's JS and its wasm share: shortened. */
const SHARED = /^(__wbg_\w+_[0-9a-f]{16}|__wbindgen_\w+_[0-9a-f]{16}|wasm_bindgen__convert__closures_____invoke__h[0-9a-f]{16}|__wbindgen_generic_\d+)$/;

const token = (name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');

function encodeName(name) {
  const b = Buffer.from(name);
  return Buffer.concat([leb(b.length), b]);
}

/** The module with its import and export names mapped by `rename` (null: the export dropped). */
function withNames(bytes, renameImport, renameExport) {
  const out = [bytes.subarray(0, 8)];
  for (const [id, body] of sectionsOf(bytes)) {
    let section = body;
    if (id === 2) {
      const parts = [];
      let [count, p] = u32(body, 0);
      for (let i = 0; i < count; i++) {
        const { module, field, desc, end } = importAt(body, p);
        parts.push(encodeName(module), encodeName(renameImport(field)), body.subarray(desc, end));
        p = end;
      }
      section = Buffer.concat([leb(count), ...parts]);
    } else if (id === 7) {
      const parts = [];
      let kept = 0;
      let [count, p] = u32(body, 0);
      for (let i = 0; i < count; i++) {
        let name;
        [name, p] = nameAt(body, p);
        const start = p;
        p = u32(body, p + 1)[1];
        const renamed = renameExport(name);
        if (renamed === null) continue;
        kept++;
        parts.push(encodeName(renamed), body.subarray(start, p));
      }
      section = Buffer.concat([leb(kept), ...parts]);
    }
    out.push(Buffer.from([id]), leb(section.length), section);
  }
  return Buffer.concat(out);
}

/** The import and export names of a module. */
export function namesOf(bytes) {
  const names = { imports: [], exports: [] };
  withNames(bytes, (n) => { names.imports.push(n); return n; }, (n) => { names.exports.push(n); return n; });
  return names;
}

/**
 * `{ wasm, js }` without the unused classes (see above) and their exports. `js` is
 * wasm-bindgen's JS after `stripJs` (no indentation). Throws if anything still names them.
 */
export function withoutUnusedClasses(wasm, js) {
  const classes = UNUSED_CLASSES.filter((c) => js.includes(`export class ${c} {`));
  if (classes.length === 0) return { wasm, js };
  for (const c of classes) {
    if (js.includes(`${c}.__wrap`)) throw new Error(`names.mjs: the wasm makes ${c} objects; it is not unused`);
    const block = new RegExp(`^export class ${c} \\{\\n[\\s\\S]*?^if \\(Symbol\\.dispose\\) ${c}\\.prototype\\[Symbol\\.dispose\\] = ${c}\\.prototype\\.free;\\n`, 'm');
    const registry = new RegExp(`^const ${c}Finalization = [^\\n]*\\n[^\\n]*\\n[^\\n]*\\);\\n`, 'm');
    if (!block.test(js) || !registry.test(js)) throw new Error(`names.mjs: ${c}'s class is not written as expected`);
    js = js.replace(block, '').replace(registry, '');
  }
  const prefixes = classes.map((c) => c.toLowerCase());
  const dropped = (name) => prefixes.some((c) => name.startsWith(`${c}_`) || name === `__wbg_${c}_free`);
  const gone = namesOf(wasm).exports.filter(dropped);
  for (const name of [...gone, ...classes]) {
    if (token(name).test(js)) throw new Error(`names.mjs: the JS still uses ${name}`);
  }
  // The enum only their getter read.
  const enumDecl = /^const (__wbindgen_enum_\w+) = \[[^\n]*\];\n/gm;
  js = js.replace(enumDecl, (line, name) => ((js.match(token(name)) ?? []).length === 1 ? '' : line));
  return { wasm: withNames(wasm, (n) => n, (n) => (dropped(n) ? null : n)), js };
}

/** `{ wasm, js }` with the names they share (see above) shortened in both. */
export function withShortNames(wasm, js) {
  if (/(?<![\w$])\$[0-9a-z]+(?![\w$])/.test(js)) throw new Error('names.mjs: the JS already has names like $1');
  const { imports, exports } = namesOf(wasm);
  const map = new Map();
  for (const name of [...imports, ...exports]) {
    if (!SHARED.test(name) || map.has(name)) continue;
    if (!token(name).test(js)) throw new Error(`names.mjs: the JS does not name ${name}`);
    map.set(name, '$' + map.size.toString(36));
  }
  // Longest first, so that no name is cut out of a longer one (tokens are whole anyway).
  for (const [name, short] of [...map].sort((a, b) => b[0].length - a[0].length)) js = js.replace(token(name), short);
  const rename = (n) => map.get(n) ?? n;
  return { wasm: withNames(wasm, rename, rename), js, renamed: map.size };
}
