// The digit a gated caller is asked for, drawn per call: a bot that always presses the same key (or the
// digit it heard last time) passes about one call in nine, and a pass is good for one redial only while it
// lasts. 0 is left out: on many handsets it sits apart, below the other digits, and people hunt for it.
export type GateDigit = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

const digits: GateDigit[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** `random` returns [0, 1) (crypto-backed in the product, seeded in the simulator and tests). */
export function pickDigit(random: () => number): GateDigit {
  return digits[Math.min(digits.length - 1, Math.floor(random() * digits.length))] ?? '7';
}
