// Types of profiling.mjs, for the TypeScript servers that import it (server-bare.ts).
export function answerProfileRequests(): void;
