// The comma-separated parameter list of an AT information line (`+CLIP: "+4420…",145,,,"SMITH, J",0`).
// Quoted fields may hold commas; a quote left open by a cut-off line runs to the end of the line.

/** `open`: a quote the line never closed (a cut-off line): the text may be missing its end. */
export type AtField = { text: string; quoted: boolean; open?: boolean };

/** `+CLIP: a,b` / `+CLIP:a,b` → the text after the first colon, or null when the line has no `<prefix>:`. */
export function payloadAfter(line: string, prefix: string): string | null {
  const trimmed = line.trimStart();
  if (trimmed.length < prefix.length || trimmed.slice(0, prefix.length).toUpperCase() !== prefix.toUpperCase()) return null;
  const rest = trimmed.slice(prefix.length).trimStart();
  if (!rest.startsWith(':')) return null;
  return rest.slice(1);
}

export function splitFields(payload: string): AtField[] {
  const fields: AtField[] = [];
  let i = 0;
  const n = payload.length;
  for (;;) {
    while (i < n && payload[i] === ' ') i++;
    if (i < n && payload[i] === '"') {
      const close = payload.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      fields.push(close === -1 ? { text: payload.slice(i + 1, end), quoted: true, open: true } : { text: payload.slice(i + 1, end), quoted: true });
      i = close === -1 ? n : close + 1;
      // Anything between the closing quote and the next comma is a modem oddity; skip it.
      const comma = payload.indexOf(',', i);
      if (comma === -1) break;
      i = comma + 1;
      continue;
    }
    const comma = payload.indexOf(',', i);
    const end = comma === -1 ? n : comma;
    fields.push({ text: payload.slice(i, end).trim(), quoted: false });
    if (comma === -1) break;
    i = comma + 1;
  }
  return fields;
}

/** An integer field, or null when it is empty or not a plain number. */
export function intField(field: AtField | undefined): number | null {
  if (!field || field.quoted) return null;
  return /^\d{1,5}$/.test(field.text) ? Number(field.text) : null;
}
