// Stack traces that name the TypeScript sources, for the compiled server, at no cost until a trace is read.
// Node's own source-map support (--enable-source-maps, process.setSourceMapsEnabled) reads and indexes the map
// of every module as it loads (the bundle's and those of packages that ship maps): about a tenth of the
// server's start. Here a frame in the bundle is mapped when a stack is first formatted (an error logged), the
// bundle file's map read once then; other frames read as Node writes them.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Maps the frames of files under `dir` (the bundle's directory) through their `.map` files beside them. */
export function mapStackTraces(dir) {
  const prefix = `${pathToFileURL(dir).href}/`;
  /** @type {Map<string, SourceMap | null>} */
  const maps = new Map();
  const mapOf = (url) => {
    let map = maps.get(url);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(url, map);
    }
    return map;
  };
  // As Node writes a mapped frame: `at Type.name (/path/to/source.ts:line:column)`.
  const frame = (site) => {
    const url = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!url?.startsWith(prefix) || line === null || column === null) return `    at ${site}`;
    const entry = mapOf(url)?.findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return `    at ${site}`;
    const source = fileURLToPath(new URL(entry.originalSource, url));
    const fn = site.getFunctionName() ?? site.getMethodName();
    const type = site.isToplevel() ? null : site.getTypeName();
    const name = `${type && type !== 'global' ? `${type}.` : ''}${fn || '<anonymous>'}`;
    const where = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    return `    at ${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}${name} (${where})`;
  };
  Error.prepareStackTrace = (error, sites) => {
    let head;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = 'Error';
    }
    return sites.length === 0 ? head : `${head}\n${sites.map(frame).join('\n')}`;
  };
}
