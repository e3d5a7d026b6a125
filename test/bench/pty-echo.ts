// The far end of latency.bench.ts's floor: a process of its own that echoes every byte back through
// serialport, as `ringfence serve` sits in a process of its own behind the pty the simulated modem writes to.
import { SerialPort } from 'serialport';

const port = new SerialPort({ path: process.argv[2]!, baudRate: 115200, autoOpen: false, lock: false });
await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
port.on('data', (d: Buffer) => port.write(d));
process.on('message', () => port.close(() => process.exit(0)));
process.send!('ready');
