// Lets a benchmark server child CPU-profile itself on request, over IPC, with the inspector, so that a
// profile covers only the load and not start-up: {type:'profile-start'} → {type:'profile-started'};
// {type:'profile-stop', file} → writes the .cpuprofile → {type:'profile-stopped'}. Plain JavaScript: the
// Palermo child (server-palermo.mjs) runs without a TypeScript loader, as `palermo serve` does.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Answers the parent's profile-start and profile-stop messages. */
export function answerProfileRequests() {
  /** @type {Session | null} */
  let session = null;
  process.on('message', (/** @type {{ type?: string; file?: string }} */ message) => {
    void (async () => {
      if (message.type === 'profile-start' && !session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        process.send?.({ type: 'profile-started' });
      } else if (message.type === 'profile-stop' && session && message.file) {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        session = null;
        writeFileSync(message.file, JSON.stringify(profile));
        process.send?.({ type: 'profile-stopped' });
      }
    })().catch((err) => process.send?.({ type: 'profile-error', error: String(err) }));
  });
}
