// app/tools/names.mjs, which post-build.mjs runs on the app's wasm and JS in release builds:
// on a small module written here byte by byte, what it drops and renames, and that the result
// is still a module the JS can instantiate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesOf, withoutUnusedClasses, withShortNames } from '../../app/tools/names.mjs';

const HASH = '0123456789abcdef';
const str = (s) => [s.length, ...Buffer.from(s)];
const leb = (n) => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...leb(n >> 7)]);
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];

/** A module importing `wbg.<imp>` (a function) and exporting its one function under `exports`. */
function module(imp, exports) {
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...str('wbg'), ...str(imp), 0x00, 0]),
    ...section(3, [1, 0]),
    ...section(7, [exports.length, ...exports.flatMap((e) => [...str(e), 0x00, 1])]),
    ...section(10, [1, 4, 0, 0x10, 0, 0x0b]),
  ]);
}

const JS = `export class IntoUnderlyingSink {
__destroy_into_raw() {
IntoUnderlyingSinkFinalization.unregister(this);
}
close() {
wasm.intounderlyingsink_close(this.__wbg_ptr);
}
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;
function __wbg_get_imports() {
return { wbg: { __wbg_log_${HASH}: function(a) { console.log(\`\${a}\`); } } };
}
const __wbindgen_enum_ReadableStreamType = ["bytes"];
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
? { register: () => {}, unregister: () => {} }
: new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
function go() { wasm.wasm_bindgen__convert__closures_____invoke__h${HASH}(); }
`;

test('names.mjs drops the unused classes and shortens the shared names in both files', async () => {
  const wasm = module(`__wbg_log_${HASH}`, [`wasm_bindgen__convert__closures_____invoke__h${HASH}`, 'intounderlyingsink_close', '__wbg_intounderlyingsink_free', 'main']);
  const dropped = withoutUnusedClasses(wasm, JS);
  assert.ok(!/IntoUnderlying|intounderlying|ReadableStreamType/.test(dropped.js), dropped.js);
  assert.deepEqual(namesOf(dropped.wasm).exports, [`wasm_bindgen__convert__closures_____invoke__h${HASH}`, 'main']);
  const short = withShortNames(dropped.wasm, dropped.js);
  assert.equal(short.renamed, 2);
  assert.deepEqual(namesOf(short.wasm), { imports: ['$0'], exports: ['$1', 'main'] });
  assert.ok(short.js.includes('{ wbg: { $0: function(a) { console.log(`${a}`); } } }'), short.js);
  assert.ok(short.js.includes('wasm.$1();'), short.js);
  // Still a module, instantiated with the renamed import.
  let logged;
  const { instance } = await WebAssembly.instantiate(short.wasm, { wbg: { $0: () => { logged = true; } } });
  instance.exports.$1();
  assert.equal(logged, true);
});

test('names.mjs refuses what it cannot do safely', () => {
  const wasm = module(`__wbg_log_${HASH}`, ['main']);
  assert.throws(() => withShortNames(wasm, 'function f() {}'), /does not name __wbg_log_/);
  assert.throws(() => withShortNames(wasm, `const $1 = 2; __wbg_log_${HASH}`), /already has names like \$1/);
  const wrapped = JS + 'IntoUnderlyingSink.__wrap(ptr);\n';
  assert.throws(() => withoutUnusedClasses(wasm, wrapped), /makes IntoUnderlyingSink objects/);
  // Nothing to drop: unchanged.
  assert.deepEqual(withoutUnusedClasses(wasm, 'function f() {}'), { wasm, js: 'function f() {}' });
});
