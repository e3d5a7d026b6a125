// Builds only the preload, exactly as the real build does (same config section), so the bundle test does
// not depend on the rest of the app building.
import config from '../../../electron.vite.config.ts';

export default { preload: (config as { preload: unknown }).preload };
