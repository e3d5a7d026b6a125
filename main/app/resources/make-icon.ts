// Writes the installers' app icon (icon.png, 512 px) from the same drawing as the tray icon, so the two
// never drift apart. electron-builder derives the .ico and .icns from it. Run after changing tray-icon.ts:
//   node main/app/resources/make-icon.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markPng } from '../tray-icon.ts';

writeFileSync(join(import.meta.dirname, 'icon.png'), markPng(512, 'protected'));
