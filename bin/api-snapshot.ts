// `npm run api:snapshot`: writes the live OpenAPI document as the released copy of the current major
// version (docs/openapi/v<API_VERSION>.json), formatted as the project's Prettier settings say. Run it when
// a change to the API is intended and released (docs/api.md, "Versioning and deprecation"); the copy is then
// what tests/api/breaking-changes.test.ts compares the live document with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import * as prettier from 'prettier';
import { PROJECT_ROOT } from '../src/common/project-root.ts';
import { liveApiDocument, snapshotPath } from '../src/server/api-document.ts';

const file = snapshotPath();
const doc = await liveApiDocument();
const options = (await prettier.resolveConfig(file)) ?? {};
const text = await prettier.format(JSON.stringify(doc), { ...options, parser: 'json' });
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, text);
process.stdout.write(
  `wrote ${relative(PROJECT_ROOT, file)} (${String(doc.info && (doc.info as { version?: string }).version)})\n`,
);
