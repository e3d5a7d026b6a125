// The product version, read once from package.json at build time (bundled) or at start-up (source).
import pkg from '../package.json' with { type: 'json' };

export const version: string = pkg.version;
