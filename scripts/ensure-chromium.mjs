// Makes sure a Chromium exists for the browser tests: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium, installing it with apt when we run as root; otherwise one clear line.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  return candidates.find((file) => fs.existsSync(file));
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log("Chromium is missing: installing Debian's chromium with apt-get…");
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error(
    'Chromium not found: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Chromium: ${ensureChromium()}`);
}
