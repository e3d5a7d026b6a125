// Lines → call signals: the pure, incremental core shared by the live Line (which adds timers) and by
// parseTranscript (which adds the README's content-only call boundaries). It recognises every caller-ID
// form (+CLIP, +CLCC, formatted blocks, hex packets, TCI records) and the ring/answer/end markers, and
// assembles multi-line landline blocks. Everything else (replies, echoes, vendor noise) is ignored.
import type { CallerId } from '../../shared/domain.ts';
import type { CallerIdSource } from './caller-id.ts';
import { parseCallUrc, type EndCause } from './call-urcs.ts';
import { clccCallerId, parseClcc } from './clcc.ts';
import { cycleGapTenths, parseCadence } from './cadence.ts';
import { parseCcwa } from './ccwa.ts';
import type { Charset } from './charset.ts';
import { parseClip } from './clip.ts';
import { parseHexCid } from './hex-cid.ts';
import { blockCallerId, parseCidField, type CidField } from './landline-cid.ts';
import { callerIdFrom } from './presented.ts';
import { parseTciRecord } from './tci.ts';

export type CallSignal =
  | { kind: 'ring'; line: string; variant: string | null }
  | { kind: 'caller-id'; callerId: CallerId; source: CallerIdSource }
  /** A field that arrived after its block was already reported early (see `flush`): the fuller identity. */
  | { kind: 'caller-id-amended'; callerId: CallerId }
  /** A landline block is arriving: whether it has its number and its name yet (for the Line's NAME wait),
   *  and the identity so far once the number is in (the screening may act on it without the name). */
  | { kind: 'block-progress'; number: boolean; name: boolean; callerId: CallerId | null }
  | { kind: 'answered'; line: string }
  /** Call waiting: another caller while a call is in progress (GSM +CCWA). */
  | { kind: 'waiting'; line: string; callerId: CallerId }
  | { kind: 'call-end'; line: string; cause: EndCause; callerId: CallerId | null };

export type CallerIdParser = {
  /** One line from the modem (blank lines are ignored). */
  push(line: string): CallSignal[];
  /**
   * Report the pending landline block now, without waiting for the line that would close it (the Line
   * calls this when NAME has had its chance). The block stays open: a later field of it amends the report.
   */
  flush(): CallSignal[];
  /** The end of the input: closes a pending block. */
  end(): CallSignal[];
};

type Block = { fields: CidField[]; reported: CallerId | null };

export type CallerIdParserOptions = {
  /** The character set the modem was put in (+CSCS): names and numbers come decoded from it (charset.ts). */
  charset?: () => Charset;
};

export function createCallerIdParser(options: CallerIdParserOptions = {}): CallerIdParser {
  const charset = options.charset ?? (() => null);
  let block: Block | null = null;
  // Ring cadence (cadence.ts): whether the current ring cycle was already reported, by its first DRON.
  let cycleReported = false;

  const progress = (b: Block): CallSignal => ({
    kind: 'block-progress',
    number: b.fields.some((f) => f.kind === 'number'),
    name: b.fields.some((f) => f.kind === 'name'),
    callerId: blockCallerId(b.fields),
  });

  /** Closes the pending block, reporting it unless that already happened. */
  const close = (): CallSignal[] => {
    const b = block;
    block = null;
    if (!b || b.reported) return [];
    const callerId = blockCallerId(b.fields);
    return callerId ? [{ kind: 'caller-id', callerId, source: 'block' }] : [];
  };

  const field = (f: CidField): CallSignal[] => {
    // USRobotics 5637 with AT#CID=2 (and the Rockwell #CID reference: "MESG = <data tag><length><data>
    // <checksum> in printable ASCII hex") wraps the whole SDMF/MDMF packet in a MESG field: that is the
    // caller ID, not a message of a formatted block.
    if (f.kind === 'message') {
      const packet = parseHexCid(f.value.trim());
      if (packet) return [...close(), { kind: 'caller-id', callerId: { ...packet, raw: [f.line] }, source: 'hex' }];
    }
    const out: CallSignal[] = [];
    // A label the block already has starts the next block: calls can follow each other with no RING between.
    // (By label, not kind: a block may carry both NMBR and DDN_NMBR; the first number field is the number.)
    if (block && block.fields.some((g) => g.label === f.label)) out.push(...close());
    if (!block) block = { fields: [], reported: null };
    block.fields.push(f);
    if (block.reported) {
      const fuller = blockCallerId(block.fields);
      if (fuller) {
        block.reported = fuller;
        out.push({ kind: 'caller-id-amended', callerId: fuller });
      }
    } else {
      out.push(progress(block));
    }
    return out;
  };

  const other = (line: string): CallSignal[] => {
    const cadence = parseCadence(line);
    if (cadence) {
      if (cadence.kind === 'off') {
        if (cadence.tenths >= cycleGapTenths) cycleReported = false;
        return [];
      }
      if (cycleReported) return [];
      cycleReported = true;
      return [{ kind: 'ring', line, variant: null }];
    }
    const urc = parseCallUrc(line);
    // A RING after the cycle's DRON is that cycle's ring, already reported. It also closes the cycle, so a
    // modem that stops reporting cadence (a reset forgets +VDR) costs at most that one RING.
    if (urc?.kind === 'ring' && cycleReported) {
      cycleReported = false;
      return [];
    }
    if (urc?.kind === 'ring') return [{ kind: 'ring', line, variant: urc.variant }];
    if (urc?.kind === 'answered') return [{ kind: 'answered', line }];
    if (urc?.kind === 'end') {
      const callerId: CallerId | null = urc.number ? callerIdFrom({ presentation: 'allowed', numberText: urc.number, raw: [line] }) : null;
      return [{ kind: 'call-end', line, cause: urc.cause, callerId }];
    }
    const waiting = parseCcwa(line, charset());
    if (waiting) return [{ kind: 'waiting', line, callerId: waiting }];
    const clip = parseClip(line, charset());
    if (clip) return [{ kind: 'caller-id', callerId: clip, source: 'clip' }];
    const clcc = parseClcc(line, charset());
    if (clcc) {
      const id = clccCallerId(clcc);
      return id ? [{ kind: 'caller-id', callerId: id, source: 'clcc' }] : [];
    }
    const hex = parseHexCid(line);
    if (hex) return [{ kind: 'caller-id', callerId: hex, source: 'hex' }];
    const tci = parseTciRecord(line);
    if (tci) return [{ kind: 'caller-id', callerId: tci, source: 'tci' }];
    return [];
  };

  return {
    push(line) {
      if (line.trim() === '') return [];
      const f = parseCidField(line);
      if (f) return field(f);
      // Any other line ends a pending block first, so its identity comes before the RING that follows it.
      return [...close(), ...other(line)];
    },
    flush() {
      if (!block || block.reported) return [];
      const callerId = blockCallerId(block.fields);
      if (!callerId) return [];
      block.reported = callerId;
      return [{ kind: 'caller-id', callerId, source: 'block' }];
    },
    end: close,
  };
}
