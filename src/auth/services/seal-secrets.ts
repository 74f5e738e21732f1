// At start: the store's secret key is found (or made), and TOTP secrets still stored in plain text (from
// before they were sealed) are sealed, so that no readable secret stays in the database or its backups.
import type { Store } from '../../db/database.ts';
import { listPlainMfaSecrets, replaceMfaSecret } from '../repository.ts';
import { prepareSecretKey, sealSecret } from '../secret-box.ts';

export async function sealStoredSecrets(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const key = prepareSecretKey(store, env);
  const plain = await listPlainMfaSecrets(store.db);
  for (const { id, secret } of plain) {
    // Only if unchanged meanwhile (another process may have sealed it at a sign-in).
    await replaceMfaSecret(store.db, id, secret, sealSecret(key, id, secret));
  }
  return plain.length;
}
