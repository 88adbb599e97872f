import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * `execArgv` for worker threads whose entry file is TypeScript. Under `node --import tsx`
 * workers inherit the loader, but not under the CLI (tsx registered in-process) or vitest,
 * so pools pass it explicitly.
 */
export function tsxExecArgv(): string[] {
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}
