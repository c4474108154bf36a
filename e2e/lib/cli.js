// The `leaklab` command line, built once with cargo and run to get the bytes the browser must
// show. Cargo's own up-to-date check makes every build after the first a no-op.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './site.js';

/** The target directory cargo uses here: $CARGO_TARGET_DIR, or the workspace's own. */
export function targetDir() {
  return process.env.CARGO_TARGET_DIR ? resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR) : join(REPO_ROOT, 'target');
}

let built;

/**
 * Builds `leaklab` (release) unless LEAKLAB_CLI names an executable already; returns its path.
 */
export function buildCli() {
  if (built) return built;
  if (process.env.LEAKLAB_CLI) {
    built = resolve(process.env.LEAKLAB_CLI);
    if (!existsSync(built)) throw new Error(`LEAKLAB_CLI=${built} does not exist`);
    return built;
  }
  const started = Date.now();
  const result = spawnSync('cargo', ['build', '--release', '--locked', '-p', 'lessons', '--bin', 'leaklab'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) throw new Error(`could not run cargo: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`cargo build of leaklab failed with exit code ${result.status}`);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 2) console.log(`cargo build --release -p lessons --bin leaklab took ${seconds.toFixed(1)} s`);
  built = join(targetDir(), 'release', 'leaklab');
  return built;
}

/**
 * Runs `leaklab run <lesson> --variant <variant> [--<knob> <value>]... [--seed N] --at <at>
 * --report <report>` and returns standard output exactly (a Buffer), with the time it took.
 */
export function runCli({ lesson, variant, knobs = {}, seed, at, report }) {
  const args = ['run', lesson, '--variant', variant];
  for (const [name, value] of Object.entries(knobs)) args.push(`--${name}`, String(value));
  if (seed !== undefined) args.push('--seed', String(seed));
  if (at !== undefined) args.push('--at', at);
  args.push('--report', report);
  if (report === 'pprof') args.push('--out', '-');
  const started = process.hrtime.bigint();
  const result = spawnSync(buildCli(), args, { maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`leaklab ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString()}`);
  }
  return { stdout: result.stdout, stderr: result.stderr.toString(), ms, args };
}
