#!/usr/bin/env node
// `pnpm pol` runs the root package's script in the workspace root; pnpm sets INIT_CWD to the folder
// it was called from, so paths on the command line mean what they mean where the user typed them.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import('./pol.js');
