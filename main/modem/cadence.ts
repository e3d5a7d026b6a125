// Ring cadence reports (+VDR, V.253 §10.3.3): with distinctive-ring reporting on, a voice modem writes one
// line per ring burst, `DRON=<tenths of a second on>`, and one per silence, `DROF=<tenths off>` — and,
// depending on the firmware and the second +VDR parameter, a RING after the pattern or none at all (the
// Conexant and USRobotics references: "will not produce any RING event codes"; Multi-Tech's MT5634SMI
// reference: RING 0.5 s after the last DRON). One ring cycle may hold several bursts (a distinctive ring):
// a silence of 1.5 s or more separates two cycles. Pure.

export type Cadence = { kind: 'on' | 'off'; tenths: number };

const line = /^(DRON|DROF)\s*=\s*(\d{1,5})$/i;

export function parseCadence(text: string): Cadence | null {
  const m = line.exec(text.trim());
  if (!m) return null;
  return { kind: m[1]!.toUpperCase() === 'DRON' ? 'on' : 'off', tenths: Number(m[2]) };
}

/** Silences at least this long (tenths of a second) end a ring cycle; shorter ones are inside a pattern. */
export const cycleGapTenths = 15;
