/**
 * `npm run pool`: serves the demo seed on http://127.0.0.1:9230 (LOCAL_POOL_PORT and
 * LOCAL_POOL_HOST override). `--data DIR` keeps users, devices, tokens and the signing key in DIR;
 * without it every start is fresh from the seed.
 */
import { startLocalPool } from './server';

function dataDirFromArgs(args: string[]): string | undefined {
  const index = args.indexOf('--data');
  if (index === -1) return undefined;
  const dir = args[index + 1];
  if (dir === undefined || dir.startsWith('--')) {
    console.error('--data needs a directory, e.g. npm run pool -- --data .local-pool');
    process.exit(2);
  }
  return dir;
}

async function main(): Promise<void> {
  const port = Number(process.env.LOCAL_POOL_PORT ?? 9230);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `LOCAL_POOL_PORT must be a port number, got ${process.env.LOCAL_POOL_PORT ?? ''}`,
    );
    process.exit(2);
  }
  const dataDir = dataDirFromArgs(process.argv.slice(2));
  const pool = await startLocalPool({
    port,
    host: process.env.LOCAL_POOL_HOST ?? '127.0.0.1',
    ...(dataDir === undefined ? {} : { dataDir }),
    log: (line) => console.log(`[local-pool] ${line}`),
  });
  // Since this Node process started (module loading included; the tsx launcher is not).
  const ms = Math.round(process.uptime() * 1000);
  console.log(`Local Cognito pool listening on ${pool.url} (ready in ${ms} ms)`);
  console.log(
    `  pools: us-east-1_DemoPool0 (demo), us-east-1_DemoPool1 (strict); users: see local-pool/README.md`,
  );
  console.log(
    `  data: ${dataDir === undefined ? 'fresh from the demo seed (use --data DIR to keep it)' : dataDir}`,
  );
  console.log(
    `  outbox (SMS and email codes): ${pool.url}/_local/outbox.html  (JSON: ${pool.url}/_local/outbox)`,
  );
  console.log('  codes are also printed here as they are sent. Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local pool`);
    pool.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error(
      'The port is in use: another local pool may be running. Set LOCAL_POOL_PORT to use another port.',
    );
  } else {
    console.error(error);
  }
  process.exit(1);
});
