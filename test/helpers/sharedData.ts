import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Scholl's SALBP-1 data set beside the checkout (`../shared`), never copied into the repo.
 * CI runs in a fresh clone elsewhere, so tests built on it run only where it exists; the
 * self-contained tests (brute force, inline instances) cover the same rules everywhere.
 */
export const schollDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'benchmarks', 'salbp1', 'scholl');
export const hasScholl = existsSync(join(schollDir, 'instances.csv'));
