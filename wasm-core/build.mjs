// Compiles every core under wasm-core/assembly/<name>/index.ts to wasm-core/build/<name>.wasm
// with the shared asconfig.json (release target unless WASM_TARGET=debug).
import asc from 'assemblyscript/asc';
import { readdirSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const target = process.env.WASM_TARGET ?? 'release';
const outDir = join(root, 'build');
mkdirSync(outDir, { recursive: true });

const cores = readdirSync(join(root, 'assembly'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'assembly', d.name, 'index.ts')))
  .map((d) => d.name);

// Options for one core only, on top of asconfig.json: the simulation core's event queue uses SIMD.
const coreOptions = { sim: ['--enable', 'simd'] };

let failed = false;
for (const name of cores) {
  const { error, stderr } = await asc.main([
    join(root, 'assembly', name, 'index.ts'),
    '--config',
    join(root, '..', 'asconfig.json'),
    '--target',
    target,
    '--outFile',
    join(outDir, `${name}.wasm`),
    ...(coreOptions[name] ?? []),
  ]);
  if (error) {
    failed = true;
    process.stderr.write(`wasm-core: ${name} failed: ${error.message}\n${stderr.toString()}\n`);
  } else {
    process.stdout.write(`wasm-core: built ${name}.wasm (${target})\n`);
  }
}
if (failed) process.exit(1);
