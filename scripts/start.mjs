// `npm start`: the local pool with its demo seed, plus WXT's dev mode building the demo
// extension (accounts preconfigured for the pool). With a display and a Chromium, it also opens
// a browser with the extension loaded; without one it prints how to load it by hand.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from './ensure-chromium.mjs';

const children = [];
function start(name, command, args, env = {}) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    if (!stopping) {
      console.log(`${name} exited (${code ?? 'signal'}); stopping everything.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('local pool', 'node', ['scripts/pool.mjs']);
start('wxt dev', 'npx', ['wxt'], { COGNITO_PASS_DEMO: '1' });

const devOutput = path.resolve('.output/chrome-mv3-dev');
const chromium = findChromium();
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const waitForBuild = setInterval(() => {
  if (!fs.existsSync(path.join(devOutput, 'manifest.json'))) return;
  clearInterval(waitForBuild);
  if (hasDisplay && chromium) {
    const profile = path.resolve('.output/chromium-profile');
    start('chromium', chromium, [
      `--user-data-dir=${profile}`,
      '--no-first-run',
      `--disable-extensions-except=${devOutput}`,
      `--load-extension=${devOutput}`,
      'http://127.0.0.1:9230/_local/outbox.html',
    ]);
  } else {
    console.log(`
Cognito Pass is built in ${devOutput} and the local pool runs on http://127.0.0.1:9230.
No display here, so no browser was opened. To load the extension by hand:
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${devOutput}
Then open the toolbar popup and sign in as alice / Passw0rd! (demo users: DESIGN.md, README).
Codes the pool "sends" are at http://127.0.0.1:9230/_local/outbox.html
`);
  }
}, 500);
