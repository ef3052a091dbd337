import { favourMainThread } from './favour-main-thread.ts';
import { run } from './main.ts';

const argv = process.argv.slice(2);
// the commands that ask the solver on the main thread (favour-main-thread.ts says why)
if (argv[0] === 'diff' || argv[0] === 'why') favourMainThread();
run(argv).then((code) => {
  process.exitCode = code;
});
