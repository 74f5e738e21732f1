// The names the UN uses (country names and treaty titles in the six official languages), for the server's side.
// The code lives in domain/names.ts, pure data and functions, so that the web may import it too
// (tests/architecture.test.ts lets the web import only contracts and domain code).
export * from './domain/names.ts';
