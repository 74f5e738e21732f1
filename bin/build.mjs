// The compiled server and CLI: src/cli/main.ts bundled by esbuild into dist/palermo.mjs (ESM for Node 20,
// packages left to node_modules, a source map beside it), which bin/palermo.mjs loads instead of running
// TypeScript through a loader at every call.
//
// The bundle's first line records a fingerprint of what it was built from (every file under src/, the
// package files, this script); `ensureBuilt` rebuilds when it differs, so an edited source, a fresh clone
// or a deleted dist/ all rebuild on the next call (~0.3 s). The file is written to a temporary name and
// renamed into place: processes started together (tests, cluster workers) never read half a bundle.
//
// `node bin/build.mjs` builds (or checks) it by hand; `npm install` does so too (postinstall).
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
export const BUNDLE = join(DIST, 'palermo.mjs');
// Packages are bundled, pure JavaScript as they are: Fastify and its plugins, pino, kysely, zod and the rest
// load from one chunk instead of some 450 files resolved, read and compiled one by one, which cut the
// server's start by a fifth of its CPU time (docs/operations.md, "The compiled command"). These stay in
// node_modules, loaded from there when used:
const EXTERNAL_PACKAGES = [
  // native addons (a .node file beside the package)
  'better-sqlite3',
  '@node-rs/argon2',
  '@myriaddreamin/typst-ts-node-compiler',
  'pg-native',
  'esbuild',
  // files read from the package's own folder: fonts, a map, the documentation pages, a worker script
  '@expo-google-fonts/',
  'world-atlas',
  '@fastify/swagger-ui',
  'thread-stream',
  // required by path from src/server/docs.ts at the first request for the API document
  '@fastify/swagger',
  // loads the CommonJS `cookie` with import(): bundled, that import would give the module's default export
  // alone, and signing in would fail (checkDynamicImports below refuses such a build)
  '@fastify/cookie',
  // loaded on demand by one feature, each large: bundled they would only make the build slower
  'pg',
  'exceljs',
  'docx',
  'jszip',
  'nodemailer',
  'prom-client',
];
const KEEP_OLD_CHUNKS_MS = 24 * 60 * 60 * 1000;
const ENTRY = join(ROOT, 'src', 'cli', 'main.ts');
const STAMP_PREFIX = '// palermo-build ';

/** The source files under src/, sorted. */
function sourceFiles() {
  return readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath ?? e.path}/${e.name}`)
    .sort();
}

/**
 * cyrb53, a 53-bit hash of a string, as 14 hex digits. The stamp detects a change, it guards nothing:
 * node:crypto would cost every call a few milliseconds to load.
 */
function hash53(text, seed) {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Paths, sizes and modification times of what the bundle is made from: cheap to take at every call. */
export function fingerprint() {
  // Paths are cut by string, not path.relative: this runs at every call, on a few hundred files.
  let text = '';
  const add = (file) => {
    const s = statSync(file);
    text += `${file.slice(ROOT.length)}\0${s.size}\0${s.mtimeMs}\n`;
  };
  for (const file of sourceFiles()) add(file);
  for (const file of ['package.json', 'package-lock.json', 'bin/build.mjs']) add(join(ROOT, file));
  // Two seeds: 106 bits, as unlikely to collide between two states of the sources as it needs to be.
  return hash53(text, 1) + hash53(text, 2);
}

/** The fingerprint the bundle on disk was built from, or null (no bundle). */
function builtFrom() {
  try {
    const fd = openSync(BUNDLE, 'r');
    const buffer = Buffer.alloc(200);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    const head = buffer.toString('utf8', 0, n);
    return head.startsWith(STAMP_PREFIX) ? head.slice(STAMP_PREFIX.length, head.indexOf('\n')) : null;
  } catch {
    return null;
  }
}

/**
 * An esbuild plugin: the packages named (a name ending in / names a scope) and Node's own modules are
 * external, every other package bundled.
 */
function externalOnly(external) {
  const packageOf = (path) =>
    path
      .split('/')
      .slice(0, path.startsWith('@') ? 2 : 1)
      .join('/');
  return {
    name: 'external-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.startsWith('node:') ||
        external.some((name) =>
          name.endsWith('/') ? args.path.startsWith(name) : packageOf(args.path) === name,
        )
          ? { path: args.path, external: true }
          : undefined,
      );
    },
  };
}

/**
 * An esbuild plugin: zod's error messages in English only. zod's entry point re-exports every language it
 * has (`z.locales`, some 370 kB of the 760 kB zod adds to the bundle), which every process that validates
 * anything would parse at start; Palermo's code uses the English ones, which zod sets itself. Left out only
 * while no source file names zod's locales: the day one does, the bundle carries them all again.
 */
function zodEnglishOnly() {
  const namesLocales =
    /\bz\.locales\b|\bzod\/(?:v4\/)?(?:core\/)?locales|\{[^}]*\blocales\b[^}]*\}\s*from\s*['"]zod/;
  return {
    name: 'zod-english-only',
    setup(b) {
      if (sourceFiles().some((file) => namesLocales.test(readFileSync(file, 'utf8')))) return;
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
          ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
          : undefined,
      );
      b.onLoad({ filter: /./, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * Refuses a build in which a bundled package loads a CommonJS module with import(): esbuild gives that
 * module a chunk of its own exporting `default` alone, where Node would also give its named exports, so the
 * package would find undefined where it expects a function. Such a package belongs in EXTERNAL_PACKAGES.
 */
function checkDynamicImports(outputFiles) {
  for (const file of outputFiles) {
    if (!file.path.endsWith('.mjs') || !/export default require_[\w$]+\(\);/.test(file.text)) continue;
    throw new Error(
      `${relative(ROOT, file.path)}: a bundled package loads a CommonJS module with import(), which bundled ` +
        'gives its default export alone; add the package to EXTERNAL_PACKAGES in bin/build.mjs',
    );
  }
}

/** Builds dist/palermo.mjs, its chunks and their source maps, stamped with `stamp`. */
export async function build(stamp = fingerprint()) {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: { palermo: ENTRY },
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    // What a module loads with import() (the HTTP application, for `serve`) goes into a chunk of its own,
    // loaded when asked for: the other commands never load Fastify and its plugins.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // One copy of zod: the zod type provider is bundled with it (from node_modules it would load a second).
    plugins: [zodEnglishOnly(), externalOnly(EXTERNAL_PACKAGES)],
    // Less text for V8 to parse at every start (the parse is a good part of it); names stay as written, so
    // stack traces and `.name` read as before, and the source maps lead back to the sources.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    // Stack traces need the mappings only; the sources are in src/.
    sourcesContent: false,
    // commander is CommonJS: bundled into ESM, its require() of Node's modules needs a `require`, made at
    // its first call (every chunk carries the banner; few of them require anything).
    banner: {
      js: `${STAMP_PREFIX}${stamp}\nimport __palermoModule from 'node:module'; let __palermoRequire; const require = (id) => (__palermoRequire ??= __palermoModule.createRequire(import.meta.url))(id);`,
    },
    write: false,
    logLevel: 'silent',
  });
  checkDynamicImports(result.outputFiles);
  mkdirSync(join(DIST, 'chunks'), { recursive: true });
  // Chunks first and the entry last: an entry in place always finds its chunks (and a file, its map).
  const order = (path) => (path === BUNDLE ? 2 : path.endsWith('.map') ? 0 : 1);
  const files = [...result.outputFiles].sort((a, b) => order(a.path) - order(b.path));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, file.contents);
      renameSync(temporary, file.path);
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  pruneChunks(new Set(files.map((f) => f.path)));
}

/**
 * Removes chunks of earlier builds. Their names carry a hash of their content, so a build never overwrites
 * a chunk that a server started from an earlier build may still load; such chunks are kept a day.
 */
function pruneChunks(current) {
  const dir = join(DIST, 'chunks');
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (current.has(path)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_CHUNKS_MS) rmSync(path, { force: true });
    } catch {
      // Removed meanwhile by another build.
    }
  }
}

/** Rebuilds the bundle unless it was built from the sources as they are now; returns its path. */
export async function ensureBuilt() {
  const stamp = fingerprint();
  if (builtFrom() !== stamp) await build(stamp);
  return BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await ensureBuilt();
  process.stdout.write(
    `${relative(process.cwd(), BUNDLE)} up to date (${Math.round(performance.now() - t0)} ms)\n`,
  );
}
