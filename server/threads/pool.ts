/**
 * The one place where worker-thread pools are made, for both compute cores. A pool starts its
 * threads on first use and lets them go when idle, so an idle server holds none. Compiled code
 * (`dist/`, `.js`) runs the compiled worker; the sources (tsx, vitest) run the TypeScript worker
 * through the tsx loader, which threads do not inherit from vitest or an in-process register.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';

/**
 * The module `name` (`./worker`) beside the caller: compiled JavaScript when the caller is compiled
 * (`dist/`), the TypeScript source otherwise.
 */
export function besideCaller(callerUrl: string, name: string): URL {
  return new URL(`${name}.${callerUrl.endsWith('.js') ? 'js' : 'ts'}`, callerUrl);
}

const open = new Set<WorkerPool<never, unknown>>();

export class WorkerPool<Task, Result> {
  #piscina: Piscina<Task, Result> | undefined;

  /**
   * @param callerUrl `import.meta.url` of the module beside the worker
   * @param worker the worker module's name without extension (`./worker`)
   */
  constructor(
    private readonly callerUrl: string,
    private readonly worker: string,
    private readonly maxThreads: number,
    private readonly idleTimeoutMs = 30_000,
  ) {}

  /** The underlying pool, created on first use. */
  get piscina(): Piscina<Task, Result> {
    if (!this.#piscina) {
      const compiled = this.callerUrl.endsWith('.js');
      this.#piscina = new Piscina<Task, Result>({
        filename: besideCaller(this.callerUrl, this.worker).href,
        execArgv: compiled ? [] : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href],
        maxThreads: this.maxThreads,
        minThreads: 0,
        idleTimeout: this.idleTimeoutMs,
      });
      open.add(this as WorkerPool<never, unknown>);
    }
    return this.#piscina;
  }

  /** Stops the threads; the next use starts a new pool. */
  async close(): Promise<void> {
    const closing = this.#piscina;
    this.#piscina = undefined;
    open.delete(this as WorkerPool<never, unknown>);
    await closing?.destroy();
  }
}

/** Stops every pool's threads (server shutdown). */
export async function closeWorkerPools(): Promise<void> {
  await Promise.all([...open].map((pool) => pool.close()));
}
