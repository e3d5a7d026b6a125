// The pass gate per modem family: the exact commands, in order, that answer a call, ask for a digit, read
// it and hand the call back for hang-up. A plan is data (pure, tested byte for byte); gate-runner.ts carries
// it out on a line. Sources, per family:
//
// SIMCom (SIM800 series, SIM7500/SIM7600):
//   AT+DDET=1,0,0     DTMF detection on, no minimum interval, key only in the report → `+DTMF: 7`
//                     (SIM800 Series AT Command Manual V1.09 §16.2.1; SIM900 DDET Application Note V1.00)
//   ATA               answer
//   AT+CDTAM=1        text-to-speech to the remote party, not the module's own speaker (SIM7500/SIM7600
//                     Series AT Command Manual, "AT+CDTAM"); SIM800 firmware without it answers ERROR, fine
//   AT+CTTS=1,"<UCS2>" speak the prompt; `+CTTS: 0` when done (same manual, "AT+CTTS"; mode 1 = UCS2 text,
//                     so Chinese needs no GBK)
// Quectel (EC20/EC21/EC25, EG25):
//   AT+QTONEDET=1     DTMF detection on → `+QTONEDET: 55` (ASCII code of the key; EC25&EC21 AT Commands
//                     Manual §12.13)
//   ATA               answer
//   AT+QWTTS=1,1,1,"<UCS2>"  speak the prompt to the far end (uplink and downlink not muted, UCS2 text;
//                     §12.21 "AT+QWTTS Play Text or Send Text to Far End"); `+QWTTS: 0` when done
// Landline voice modems (USRobotics 5637, Conexant/Zoom, per ITU-T V.253 / TIA IS-101):
//   AT+FCLASS=8       voice mode (answering in data mode would start a modem handshake)
//   AT+VSM=<n>,8000   the compression AT+VSM=? offered, μ-law or 8-bit linear, 8000 samples/s
//   AT+VLS=1          off-hook, the line connected to the modem (answers the call; OK or VCON)
//   AT+VTX            voice transmit: CONNECT, then the prompt's samples with every <DLE> doubled, ended by
//                     <DLE><ETX>; OK when played. Keys come in as <DLE>7 (dle.ts) meanwhile and after.
//   AT+VLS=0, AT+FCLASS=0   back on-hook and back to data mode, where caller ID works again
//   (MultiTech MT5634SMI Developer's Guide ch. 6; USR "#V" / "+V" voice command reference; Intel 536EX
//   Chipset Developer's Manual §6.1 "DTMF Detection Reporting")
// Huawei voice dongles (E1550, E1750, E173 with voice on):
//   ATA               answer
//   AT^DDSETEX=2      send the call's audio to the separate audio port (chan_dongle, at_command.c, sent on
//                     ^CONN); the port then carries 8 kHz signed 16-bit PCM both ways in 320-byte frames
//   the host writes the prompt to that port and finds the key in what it reads (goertzel.ts)
// Every family ends the same way: the gate hands the call back to the call tracker, which hangs up with the
// line's own hang-up chain (AT+CHUP, ATH…), so a gated call is released exactly like a rejected one.
import type { GateMethod } from '../../../shared/domain.ts';
import type { VoiceFormat } from './reports.ts';
import { spokenText, ucs2Hex, type PromptOrder, type PromptSay } from './prompt.ts';

export type { GateMethod };

export type GateStep =
  /** An AT command; the gate waits for its final result. `optional`: an error does not stop the gate. */
  | { type: 'command'; command: string; optional?: boolean; dial?: boolean }
  /** A module speaks: the command, then the URC that says it finished (`+CTTS: 0`). */
  | { type: 'speak'; command: string; done: '+CTTS' | '+QWTTS'; say: PromptSay }
  /** The host plays the prompt: AT+VTX and DLE-shielded samples (voice modem) or PCM to the audio port. */
  | { type: 'play'; say: PromptSay; via: 'vtx' | 'audio-port' };

export type GatePlan = {
  method: GateMethod;
  /** Before the caller hears anything: detection on, answer, route audio. */
  open: GateStep[];
  /** Say something (ask for the digit, say "call again", say "show your number"). */
  say(say: PromptSay): GateStep[];
  /** After the last prompt, before the tracker's hang-up. */
  close: GateStep[];
};

export function gatePlan(method: GateMethod, order: PromptOrder, format: VoiceFormat | null = null): GatePlan {
  const speakAs = (prefix: string, done: '+CTTS' | '+QWTTS') => (say: PromptSay): GateStep[] => [
    { type: 'speak', command: `${prefix}"${ucs2Hex(spokenText(say, order))}"`, done, say },
  ];
  switch (method) {
    case 'simcom-tts':
      return {
        method,
        open: [
          { type: 'command', command: 'AT+DDET=1,0,0' },
          { type: 'command', command: 'ATA', dial: true },
          { type: 'command', command: 'AT+CDTAM=1', optional: true },
        ],
        say: speakAs('AT+CTTS=1,', '+CTTS'),
        close: [],
      };
    case 'quectel-tts':
      return {
        method,
        open: [
          { type: 'command', command: 'AT+QTONEDET=1' },
          { type: 'command', command: 'ATA', dial: true },
        ],
        say: speakAs('AT+QWTTS=1,1,1,', '+QWTTS'),
        close: [],
      };
    case 'voice-modem':
      return {
        method,
        open: [
          { type: 'command', command: 'AT+FCLASS=8' },
          { type: 'command', command: `AT+VSM=${format?.code ?? 130},8000` },
          { type: 'command', command: 'AT+VLS=1', dial: true },
        ],
        say: (say) => [{ type: 'play', say, via: 'vtx' }],
        close: [
          { type: 'command', command: 'AT+VLS=0', optional: true },
          { type: 'command', command: 'AT+FCLASS=0', optional: true },
        ],
      };
    case 'huawei-audio':
      return {
        method,
        open: [
          { type: 'command', command: 'ATA', dial: true },
          { type: 'command', command: 'AT^DDSETEX=2' },
        ],
        say: (say) => [{ type: 'play', say, via: 'audio-port' }],
        close: [],
      };
  }
}
