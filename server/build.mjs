// Compiles the service to dist/ (tsconfig.build.json) with the files it reads at run time beside
// the code that reads them: the migrations next to db/client.js, the WASM cores next to
// wasm-core/index.js. `npm start` and the `twinward` command run dist/, never TypeScript.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
cpSync(join(root, 'db', 'migrations'), join(dist, 'db', 'migrations'), { recursive: true });
cpSync(join(root, 'views', 'assets'), join(dist, 'views', 'assets'), { recursive: true });
const wasm = join(root, 'wasm-core', 'build');
if (!existsSync(wasm)) throw new Error('server/build.mjs: wasm-core/build is missing; run `npm run build:wasm` first');
cpSync(wasm, join(dist, 'wasm-core', 'build'), { recursive: true });
console.log('server: compiled to dist/');
