// Shared pieces of the browser tests: a real atelier-server child process on
// 127.0.0.1 with a fresh database, and Debian's Chromium driven by
// playwright-core. Every wait is bounded; everything is torn down at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(join(root, 'client/web/package.json'));
export const { chromium } = require('playwright-core');

export const SERVER_BIN = process.env.ATELIER_SERVER_BIN ?? join(root, 'build/server/app/atelier-server');
export const WEB_ROOT = process.env.ATELIER_WEB_ROOT ?? join(root, 'build/web');
export const ARTEFACTS = process.env.ATELIER_ARTEFACTS ?? join(root, 'build/artefacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync(ARTEFACTS, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts atelier-server with the demo workshop (on `port`, or any free one).
// Returns { port, url, token, pid, stop(), kill(), dir }.
export async function startServer({ demo = true, flags = [], dir, port: fixedPort = 0 } = {}) {
  dir ??= mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  const portFile = join(dir, `port-${Date.now()}`);
  const args = ['--bind', '127.0.0.1', '--port', String(fixedPort), '--db', join(dir, 'atelier.db'),
    '--port-file', portFile, '--web-root', WEB_ROOT, ...(demo ? ['--demo'] : []), ...flags];
  const child = spawn(SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (existsSync(portFile) && (!demo || out.includes('healthz'))) break;
    await sleep(25);
  }
  if (!existsSync(portFile)) {
    child.kill('SIGKILL');
    throw new Error(`server did not start: ${out}`);
  }
  const port = Number(readFileSync(portFile, 'utf8').trim());
  const token = /#token=([0-9a-f]{32})/.exec(out)?.[1] ?? '';
  const exited = new Promise((r) => child.once('exit', r));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    token,
    dir,
    pid: child.pid,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
    async kill() {
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5_000)]);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// Joins the demo workshop from a tablet page as `companyName`.
// One server and one browser for a test file: started before its tests, stopped after.
// Returns the object whose `server` and `browser` the tests use (`server` may be replaced
// by a restart; the one there at the end is stopped).
export function serverAndBrowser({ before, after }, options = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    env.server?.cleanup();
  });
  return env;
}

export async function joinTablet(page, baseUrl, companyName, code = 'DEMO42') {
  await page.goto(`${baseUrl}/tablet.html`);
  await page.fill('#code', code);
  await page.click('#code-next');
  await page.getByRole('listitem').filter({ hasText: companyName }).first().click();
  await page.waitForSelector('#main', { timeout: 10_000 });
  await page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
}

// Posts a card from a joined tablet page.
export async function postCard(page, { kind = 'offer', category = 'dechet', text }) {
  await page.click(`.seg-btn[data-kind=${kind}]`);
  await page.click(`.cat[data-category=${category}]`);
  await page.fill('#card-text', text);
  await page.click('#card-post');
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: false });
}
