/**
 * The only module that touches the WebAssembly API. Each core (`balance`, `variants`, `sim`) is compiled
 * once per process and instantiated per run: a fresh linear memory per run keeps runs
 * independent, reentrant in worker threads, and lets the stub runtime's bump allocator
 * start from zero every time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CoreName = 'balance' | 'sim' | 'variants';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), 'build');
const compiled = new Map<CoreName, WebAssembly.Module>();

/** Path of a core's compiled `.wasm` file (built by `npm run build:wasm`). */
export function corePath(name: CoreName): string {
  return join(buildDir, `${name}.wasm`);
}

/** Compiles a core once per process; later calls return the cached module. */
export function compileCore(name: CoreName): WebAssembly.Module {
  let mod = compiled.get(name);
  if (!mod) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(readFileSync(corePath(name)));
    } catch {
      throw new Error(`wasm-core: ${corePath(name)} is missing; run \`npm run build:wasm\``);
    }
    mod = new WebAssembly.Module(bytes);
    compiled.set(name, mod);
  }
  return mod;
}

/**
 * A live instance: its exports and its linear memory. A call may grow the memory, which detaches
 * views on the old `memory.buffer`, so callers make their typed-array views after such calls.
 */
export interface CoreInstance<E> {
  exports: E;
  memory: WebAssembly.Memory;
}

/**
 * Instantiates a fresh copy of a core. `E` describes the core's numeric exports.
 * AssemblyScript's `abort` becomes a thrown Error naming message, file, line and column.
 */
export function instantiateCore<E>(name: CoreName): CoreInstance<E> {
  const live: { memory?: WebAssembly.Memory } = {};
  const imports = {
    env: {
      abort(msgPtr: number, filePtr: number, line: number, column: number): never {
        const text = (ptr: number) => (live.memory && ptr ? readAsString(live.memory, ptr) : '?');
        throw new Error(`wasm-core ${name}: ${text(msgPtr)} at ${text(filePtr)}:${line}:${column}`);
      },
      /** Milliseconds from a monotonic clock, for time limits only (never for results). */
      now(): number {
        return performance.now();
      },
      seed(): number {
        // Cores take seeds as parameters; a call here means a core used Math.random.
        throw new Error(`wasm-core ${name}: Math.random is not allowed; pass a seed`);
      },
    },
  };
  const instance = new WebAssembly.Instance(compileCore(name), imports);
  live.memory = instance.exports.memory as WebAssembly.Memory;
  return { exports: instance.exports as unknown as E, memory: live.memory };
}

/** Reads an AssemblyScript string (UTF-16, byte length stored at ptr - 4). */
function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}
