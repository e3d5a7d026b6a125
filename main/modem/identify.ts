// Who is on the other end of the port: ATI, +CGMI/+CGMM/+CGMR (GSM), or the V.250 +GMI family and ATI3
// (landline modems, which answer ERROR to the GSM commands). The text feeds the profile choice.
import type { AtChannel } from './at-channel.ts';
import { firstInfo } from './status.ts';
import type { Identity } from './profiles/profile.ts';

/** Wakes the modem and checks it speaks AT at all: a few tries, since the first byte may be eaten by autobaud. */
export async function syncAt(channel: AtChannel, tries = 3, timeoutMs?: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const r = await channel.send('AT', timeoutMs ? { timeoutMs } : {});
    if (r.status === 'ok') return true;
    if (r.status === 'closed') return false;
  }
  return false;
}

export async function identify(channel: AtChannel): Promise<Identity> {
  const ati = await channel.send('ATI');
  const cgmi = await channel.send('AT+CGMI', { expect: '+CGMI' });
  const text: string[] = [...ati.lines];
  if (cgmi.status === 'ok') {
    const cgmm = await channel.send('AT+CGMM', { expect: '+CGMM' });
    const cgmr = await channel.send('AT+CGMR', { expect: '+CGMR' });
    text.push(...cgmi.lines, ...cgmm.lines, ...cgmr.lines);
    return {
      manufacturer: firstInfo(cgmi, '+CGMI'),
      model: firstInfo(cgmm, '+CGMM'),
      firmware: firstInfo(cgmr, '+CGMR'),
      text: text.join('\n'),
      gsm: true,
    };
  }
  const gmi = await channel.send('AT+GMI', { expect: '+GMI' });
  const gmm = await channel.send('AT+GMM', { expect: '+GMM' });
  const ati3 = await channel.send('ATI3');
  text.push(...gmi.lines, ...gmm.lines, ...ati3.lines);
  const cgsn = await channel.send('AT+CGSN', { expect: '+CGSN' });
  return {
    manufacturer: firstInfo(gmi, '+GMI'),
    model: firstInfo(gmm, '+GMM') ?? firstInfo(ati3) ?? firstInfo(ati),
    firmware: null,
    text: text.join('\n'),
    // A GSM modem that does not know +CGMI still has an IMEI.
    gsm: cgsn.status === 'ok' && /\d{14,16}/.test(cgsn.lines.join(' ')),
  };
}
