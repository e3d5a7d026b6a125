// `ringfence ports [--probe] [--json]`: the serial ports that may be a modem, best first, and with
// --probe whether each answers AT commands (and if not, why: permission, ModemManager, not a modem).
import type { Command } from 'commander';
import { findHilinkSticks, listPorts, probePort } from '../../modem/index.ts';
import type { PortInfo, ProbeResult } from '../../../shared/api.ts';

type Row = PortInfo & { probe?: ProbeResult };

function print(rows: Row[], hilink: boolean): void {
  const out: string[] = [];
  if (rows.length === 0) out.push('No serial ports found. Plug the modem in, wait a few seconds, and run this again.');
  for (const r of rows) {
    const ids = r.vendorId ? ` [${r.vendorId}:${r.productId ?? '?'}]` : '';
    out.push(`${r.path}${ids}  ${r.description.en}${r.inUse ? '  (in use by another program)' : ''}`);
    if (r.probe) {
      out.push(
        r.probe.ok
          ? `    answers AT: ${r.probe.kind} modem, ${[r.probe.manufacturer, r.probe.model].filter(Boolean).join(' ') || 'unnamed'}`
          : `    ${r.probe.problem?.text.en ?? 'no answer'}`,
      );
    }
  }
  if (hilink)
    out.push(
      '',
      'Note: a Huawei stick in HiLink mode is plugged in. It has no AT port, so it cannot screen calls; switch it to modem ("stick") mode with usb_modeswitch.',
    );
  process.stdout.write(out.join('\n') + '\n');
}

export function registerPortsCommand(program: Command): void {
  program
    .command('ports')
    .description('List the serial ports that may be a modem, most likely first.')
    .option('--probe', 'open each port and check it answers AT commands (takes a second or two per port)')
    .option('--json', 'print JSON instead of text')
    .action(async (options: { probe?: boolean; json?: boolean }) => {
      const ports = await listPorts();
      const rows: Row[] = [];
      for (const p of ports) rows.push(options.probe ? { ...p, probe: await probePort(p.path) } : p);
      const hilink = (await findHilinkSticks()).length > 0;
      if (options.json) process.stdout.write(JSON.stringify({ ports: rows, hilink }, null, 2) + '\n');
      else print(rows, hilink);
    });
}
