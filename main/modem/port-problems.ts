// Why a port could not be used, as a code and a sentence that says what to do, in English and Chinese.
// serialport reports open failures as message text ("Permission denied, cannot open …", "Cannot lock
// port", "No such file or directory"), so that text is what is matched.
import type { Text } from '../../shared/domain.ts';
import { portProblemText } from './texts.ts';

export type { PortProblemCode } from './texts.ts';
import type { PortProblemCode } from './texts.ts';
export type PortProblem = { code: PortProblemCode; text: Text };

export function portProblem(code: PortProblemCode, path: string, detail = '', platform: NodeJS.Platform = process.platform): PortProblem {
  return { code, text: portProblemText(code, path, detail, platform) };
}

/** Classifies a serialport open error. */
export function openErrorProblem(error: unknown, path: string, platform: NodeJS.Platform = process.platform): PortProblem {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (/cannot lock port|resource temporarily unavailable|EBUSY|device or resource busy/i.test(message) || code === 'EBUSY')
    return portProblem('port-busy', path, message, platform);
  if (/access denied/i.test(message) && platform === 'win32') return portProblem('port-busy', path, message, platform);
  if (/permission denied|EACCES|EPERM/i.test(message) || code === 'EACCES') return portProblem('permission-denied', path, message, platform);
  if (/no such file|ENOENT|file not found|cannot find the file/i.test(message) || code === 'ENOENT') return portProblem('not-found', path, message, platform);
  return portProblem('open-failed', path, message, platform);
}
