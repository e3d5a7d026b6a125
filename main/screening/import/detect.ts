// Which format a file is in, from its name first and its content second ('auto').
import type { FileFormat } from './types.ts';

export function detectFormat(content: string, fileName?: string): FileFormat {
  const name = (fileName ?? '').toLowerCase();
  if (/\.(vcf|vcard)$/.test(name)) return 'vcard';
  if (/\.csv$/.test(name)) return 'csv';
  if (/(^|[/\\])ncidd?\.|\.(blacklist|whitelist)$|(black|white)list$/.test(name)) return 'ncid';
  const head = content.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*BEGIN:VCARD/i.test(head)) return 'vcard';
  const lines = head.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (lines.some((l) => /^\s*"[^"]*"\s*(#.*)?$/.test(l))) return 'ncid';
  if (lines.some((l) => /[,\t;]/.test(l))) return 'csv';
  return 'text';
}
