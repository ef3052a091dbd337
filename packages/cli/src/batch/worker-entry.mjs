// The CLI runs its TypeScript sources through tsx, and loader hooks do not reach worker threads
// in Node 20: the worker registers tsx itself before loading its TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
