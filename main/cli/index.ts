// Entry point of the `ringfence` CLI (bundled to out/main/cli.js; runs from source with `node main/cli/index.ts`).
import { main } from './program.ts';

const code = await main(process.argv.slice(2));
process.exitCode = code;
