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
// SIMCom without text-to-speech (firmware without it answers AT+CTTS=? with ERROR) — the prompt is
// played from files the line uploads to the module's flash at every set-up (SIM800 Series AT Command
// Manual V1.09, "AT Commands for File System" and "AT+CREC Record Operation"; the module's user folder is
// C:\User\, a few tens of KB, so the clips are AMR-NB, <form> 0):
//   AT+FSDEL=C:\User\rf-zh-7.amr             drop an older copy (ERROR when there is none: fine), so a
//                     shorter new clip never keeps an old one's tail
//   AT+FSCREATE=C:\User\rf-zh-7.amr          create the file
//   AT+FSWRITE=C:\User\rf-zh-7.amr,0,<size>,10   mode 0 = from the start; the module answers ">", then
//                     reads exactly <size> bytes (≤ 10240) within 10 s, then OK
//   AT+DDET=1,0,0, ATA   as above
//   AT+CREC=4,"C:\User\rf-zh-7.amr",0,100   play the file on the main channel, which carries it into the
//                     call (channel 1 is the loudspeaker; SIM800L_DTMF_control wiki, "AT CREC"), at volume
//                     100; `+CREC: 0` when it stops. One clip a command: "请按" "七" "接通"
// Quectel (EC20/EC21/EC25, EG25):
//   AT+QTONEDET=1     DTMF detection on → `+QTONEDET: 55` (ASCII code of the key; EC25&EC21 AT Commands
//                     Manual §12.13)
//   ATA               answer
//   AT+QWTTS=1,1,1,"<UCS2>"  speak the prompt to the far end (uplink and downlink not muted, UCS2 text;
//                     §12.21 "AT+QWTTS Play Text or Send Text to Far End"); `+QWTTS: 0` when done
// Quectel without text-to-speech (AT+QWTTS=? answers ERROR) — clips uploaded to the module's RAM drive at
// every set-up (it is empty after a power cycle), played into the call (EC2x&EG9x&EM05 FILE AT Commands
// Manual, "AT+QFDEL", "AT+QFUPL"; EC25&EC21 AT Commands Manual §12.18 "AT+QPSND Play WAV File": wav, amr or
// mp3, 8 kHz mono):
//   AT+QFDEL="RAM:rf-zh-7.amr"              drop an older copy (+CME ERROR when there is none: fine)
//   AT+QFUPL="RAM:rf-zh-7.amr",<size>,10    CONNECT, then exactly <size> bytes, then `+QFUPL: <size>,<checksum>`, OK
//   AT+QTONEDET=1, ATA   as above
//   AT+QPSND=1,"RAM:rf-zh-7.amr",0,1,1      play once (<repeat> 0) to the far end with uplink and downlink
//                     not muted (the manual's "play to the far end during a call" example); `+QPSND: 0` when done
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
import { clipFile, clipFileName, clipIds, promptClips, spokenText, ucs2Hex, type PromptOrder, type PromptSay } from './prompt.ts';

export type { GateMethod };

export type GateStep =
  /** An AT command; the gate waits for its final result. `optional`: an error does not stop the gate. */
  | { type: 'command'; command: string; optional?: boolean; dial?: boolean }
  /** A module speaks: the command, then the URC that says it finished (`+CTTS: 0`). */
  | { type: 'speak'; command: string; done: '+CTTS' | '+QWTTS'; say: PromptSay }
  /** The host plays the prompt: AT+VTX and DLE-shielded samples (voice modem) or PCM to the audio port. */
  | { type: 'play'; say: PromptSay; via: 'vtx' | 'audio-port' }
  /** A module plays one uploaded clip (AT+CREC, AT+QPSND), then reports its end (`+CREC: 0`). */
  | { type: 'play-file'; command: string; done: '+CREC' | '+QPSND'; clip: string };

/** One command of the set-up upload; `data` is written raw after the module's "> " or CONNECT. */
export type UploadStep = { command: string; optional?: boolean; data?: { bytes: Uint8Array; after: 'prompt' | 'connect' }; expect?: string };

/** Where each family keeps the uploaded clips. */
const simcomPath = (id: string) => `C:\\User\\${clipFileName(id)}`;
const quectelPath = (id: string) => `RAM:${clipFileName(id)}`;

/**
 * The commands that put every shipped clip on a module that plays files (run after each set-up; both
 * languages, so a change of `gate.prompt` needs no new upload). Empty for every other method.
 */
export function uploadPlan(method: GateMethod): UploadStep[] {
  if (method === 'simcom-file') {
    return clipIds().flatMap((id): UploadStep[] => [
      { command: `AT+FSDEL=${simcomPath(id)}`, optional: true },
      { command: `AT+FSCREATE=${simcomPath(id)}` },
      { command: `AT+FSWRITE=${simcomPath(id)},0,${clipFile(id).length},10`, data: { bytes: clipFile(id), after: 'prompt' } },
    ]);
  }
  if (method === 'quectel-file') {
    return clipIds().flatMap((id): UploadStep[] => [
      { command: `AT+QFDEL="${quectelPath(id)}"`, optional: true },
      { command: `AT+QFUPL="${quectelPath(id)}",${clipFile(id).length},10`, data: { bytes: clipFile(id), after: 'connect' }, expect: '+QFUPL' },
    ]);
  }
  return [];
}

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
  const speakAs =
    (prefix: string, done: '+CTTS' | '+QWTTS') =>
    (say: PromptSay): GateStep[] => [{ type: 'speak', command: `${prefix}"${ucs2Hex(spokenText(say, order))}"`, done, say }];
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
    case 'simcom-file':
      return {
        method,
        open: [
          { type: 'command', command: 'AT+DDET=1,0,0' },
          { type: 'command', command: 'ATA', dial: true },
        ],
        say: (say) =>
          promptClips(say, order)
            .flat()
            .map((clip): GateStep => ({ type: 'play-file', command: `AT+CREC=4,"${simcomPath(clip)}",0,100`, done: '+CREC', clip })),
        close: [],
      };
    case 'quectel-file':
      return {
        method,
        open: [
          { type: 'command', command: 'AT+QTONEDET=1' },
          { type: 'command', command: 'ATA', dial: true },
        ],
        say: (say) =>
          promptClips(say, order)
            .flat()
            .map((clip): GateStep => ({ type: 'play-file', command: `AT+QPSND=1,"${quectelPath(clip)}",0,1,1`, done: '+QPSND', clip })),
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
