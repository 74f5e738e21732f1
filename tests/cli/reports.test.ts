// `palermo report …` on both stores: a report drafted from a JSON file, a paragraph edited from a text file,
// versions compared, previewed, frozen and downloaded byte for byte; then refused edits and bad input, each
// one line on stderr (with the field's line) and a non-zero exit. The commands run in this process, given a
// stand-in producer as the real command is given the real one; the built command, with the real one, is
// run once as a process to preview a draft drawn from the data.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { palermoOn } from '../helpers/cli.ts';
import { STORE_KIND, testStoreOptions } from '../helpers/store.ts';
import { draftInput, fakeProducer } from '../reports/records-support.ts';

const { options, cleanup } = testStoreOptions();
const dir = mkdtempSync(join(tmpdir(), 'palermo-report-cli-'));
const file = (name: string, text?: string): string => {
  const path = join(dir, name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
};
const producer = fakeProducer();
const store = options.databaseUrl
  ? ['--database-url', options.databaseUrl]
  : ['--db', options.sqlitePath ?? ''];

/** Runs `palermo report <args>` in this process; what it wrote to stdout and stderr, and its exit code. */
async function report(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [stdout, stderr] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli([...store, 'report', ...args], { reportProducer: producer });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

beforeAll(() => {
  if (options.pgSchema) process.env.PALERMO_PG_SCHEMA = options.pgSchema;
});
afterAll(async () => {
  delete process.env.PALERMO_PG_SCHEMA;
  rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

describe(`palermo report (${STORE_KIND})`, { timeout: 120_000 }, () => {
  it('drafts, edits a paragraph, compares, previews, freezes and downloads a report', async () => {
    const created = await report('create', file('draft.json', JSON.stringify(draftInput())));
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe(
      'report 1: draft, version 1, as at 2005-03-08, period 2000-11-15 to 2005-03-08\n',
    );

    const paragraph = 'As at {{asAt}}, {{parties UNTOC}} States were parties.\nNew line.\n';
    const edited = await report('edit', '1', file('status.txt', paragraph), '--paragraph', 'en.status');
    expect(edited.stderr).toBe('');
    expect(edited.stdout).toMatch(/^report 1: draft, version 2,/);

    expect((await report('versions', '1')).stdout).toMatch(
      /^v1 .*\nv2 .*the Secretariat \(command line\)\n$/,
    );
    const cmp = await report('compare', '1', '--from', '1', '--to', '2');
    expect(cmp.stdout).toBe(
      [
        'report 1 version 1 → report 1 version 2',
        'texts.en.paragraphs.status:',
        '- As at {{asAt}}, {{parties UNTOC}} States were parties to the Convention.',
        '+ As at {{asAt}}, {{parties UNTOC}} States were parties.',
        '+ New line.',
        '',
      ].join('\n'),
    );

    const preview = await report('preview', '1', '--format', 'html', '-o', file('preview.html'));
    expect(preview.code, preview.stderr).toBe(0);
    expect(readFileSync(file('preview.html'), 'utf8')).toMatch(/^html:.*"draft":true/);

    const frozen = await report('freeze', '1', '--version', '2');
    expect(frozen.stderr).toBe('');
    expect(frozen.stdout).toMatch(/^report 1: frozen, version 2, .*fingerprint f{64}\n$/);
    expect((await report('list')).stdout).toMatch(
      /^ {4}1 {2}frozen {2}v2 .*as at 2005-03-08 {2}session 14\n1 report\(s\)\n$/,
    );

    const download = await report('download', '1', '--format', 'pdf', '--locale', 'fr', '-o', file('r.pdf'));
    expect(download.code, download.stderr).toBe(0);
    const shown = JSON.parse((await report('show', '1')).stdout) as {
      frozen: { files: Array<{ locale: string; format: string; size: number }> };
    };
    const pdf = shown.frozen.files.find((f) => f.locale === 'fr' && f.format === 'pdf');
    const bytes = readFileSync(file('r.pdf'));
    expect(bytes.length).toBe(pdf?.size);
    expect(bytes.toString()).toMatch(/^pdf:.*"locale":"fr"/);

    const next = await report('next', '1');
    expect(next.stdout).toMatch(/^report 2: draft, version 1, as at \d{4}-\d\d-\d\d, period 2005-03-09 to /);
  });

  it.each([
    [
      ['edit', '1', join(dir, 'status.txt'), '--paragraph', 'en.status'],
      /^conflict: report 1 was frozen on .* and cannot be edited/,
    ],
    [['show', 'abc'], /^validation: report: "abc" is not a report number\n$/],
    [['show', '99'], /^not_found: report "99" does not exist\n$/],
    [['create', '/nonexistent/draft.json'], /^validation: cannot read \/nonexistent\/draft.json/],
    [
      ['edit', '2', join(dir, 'status.txt'), '--paragraph', 'de.status'],
      /^validation: --paragraph: "de.status" is not <en\|fr>/,
    ],
    [['freeze', '2', '--version', '9'], /^conflict: version 9 is not the latest version of report 2/],
    [
      ['download', '2', '--format', 'pdf', '-o', '/dev/null'],
      /^conflict: report 2 is a draft: it has no files/,
    ],
  ])('refuses %j with one line on stderr', async (args, message) => {
    const r = await report(...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('refuses an unknown placeholder, saying where, and saves nothing', async () => {
    const r = await report(
      'edit',
      '2',
      file('bad.txt', 'As at {{asAt}}, {{partys UNTOC}}.'),
      '--paragraph',
      'fr.status',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'validation: texts.fr.paragraphs.status: line 1, column 19: there is no figure "partys" (did you mean "parties"?); docs/reports.md lists them\n' +
        '  texts.fr.paragraphs.status: line 1, column 19: there is no figure "partys" (did you mean "parties"?); docs/reports.md lists them\n',
    );
    expect((await report('versions', '2')).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('as the built command, previews a draft with the real producer, from the data', () => {
    const palermo = palermoOn(options);
    const out = file('preview.html');
    const r = palermo('report', 'preview', '2', '--format', 'html', '--locale', 'en', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/preview\.html: \d+ bytes \(draft\)\n$/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Status of signature and ratification');
    expect(html).toContain('Sources and method');
    expect(palermo('report', 'list').stdout).toMatch(/2 report\(s\)\n$/);
  });
});
