import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startSandbox } from '../../../src/sandbox/index.js';

// Child entry point: the sandbox on a free 127.0.0.1 port with the published default
// credentials and request logging off, until SIGTERM. With a file path as the first argument,
// SIGUSR2 starts the CPU profiler and SIGTERM writes the profile there, so the profile covers
// only the load and not module loading or warm-up.

const profileFile = process.argv[2];
const sandbox = await startSandbox({ port: 0 });
const session = new Session();
let profiling = false;

process.on('SIGUSR2', () => {
  if (profileFile === undefined || profiling) return;
  profiling = true;
  session.connect();
  void session.post('Profiler.enable').then(() => session.post('Profiler.start'));
});

process.once('SIGTERM', async () => {
  if (profiling && profileFile !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
  }

  await sandbox.close();
  process.exit(0);
});

process.stdout.write(`listening ${sandbox.port}\n`);
