// The administration page in a real browser: the link printed at start logs
// in, a workshop is created (its title shown as text, never as HTML), gets
// its links and QR code, and is closed.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, screenshot } from './support.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

test('an administrator creates and closes a workshop from the browser', { timeout: 60_000 }, async () => {
  const link = /\/admin\.html#admin=([0-9a-f]{64})/.exec(server.output());
  assert.ok(link, server.output());
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await ctx.newPage();
  let alerted = false;
  page.on('dialog', async (d) => { alerted = true; await d.dismiss(); });
  await page.goto(`${server.url}${link[0]}`);
  await page.waitForSelector('#create', { timeout: 10_000 });
  assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');

  const title = 'ZA <img src=x onerror=alert(1)> Nord';
  await page.fill('#new-title', title);
  await page.fill('#new-tables', '5');
  await page.click('#create button[type=submit]');
  const row = page.locator('.workshop', { hasText: 'ZA <img' });
  await row.waitFor({ timeout: 10_000 });
  assert.equal(await row.locator('h3').innerText(), title);
  assert.equal(await page.locator('.workshop h3 img').count(), 0);
  assert.equal(alerted, false);
  assert.match(await row.locator('.meta').first().innerText(), /ouvert · 5 table\(s\)/);
  const consoleHref = await row.locator('a.console-link').getAttribute('href');
  assert.match(consoleHref, /^\/console\.html#token=[0-9a-f]{32}&code=[0-9A-Z]+$/);
  await row.locator('img.qr').evaluate((img) => img.decode());
  assert.ok(await row.locator('img.qr').evaluate((img) => img.naturalWidth > 0));
  await screenshot(page, 'admin-1280x800');

  // The console opened from that link names its workshop in the WebSocket URL (/ws?w=CODE).
  const consolePage = await ctx.newPage();
  const socket = consolePage.waitForEvent('websocket', { timeout: 10_000 });
  await consolePage.goto(`${server.url}${consoleHref}`);
  const code = /&code=([0-9A-Z]+)$/.exec(consoleHref)[1];
  assert.match((await socket).url(), new RegExp(`/ws\\?w=${code}$`));
  await consolePage.close();

  await row.locator('button[data-action=close]').click();
  await row.locator('button[data-action=open]').waitFor({ timeout: 10_000 });
  assert.match(await row.locator('.meta').first().innerText(), /clos/);
  await ctx.close();
});
