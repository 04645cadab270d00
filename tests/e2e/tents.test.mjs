// Table tents (« chevalets ») in a real browser: the console prints one tent per company,
// a tent's QR joins its company on a tablet without the company list, and a workshop can
// turn the list off so that the code alone joins no one.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, screenshot } from './support.mjs';

const env = serverAndBrowser({ before, after });

// The tablet address a tent's QR carries, moved onto this test's server (the console may
// have chosen a LAN address of the machine).
async function tentLinks(page) {
  const tents = page.locator('#tents-sheet .tent');
  const out = [];
  for (let i = 0; i < await tents.count(); i++) {
    const src = await tents.nth(i).locator('img.tent-qr').getAttribute('src');
    const url = new URL(new URL(src, env.server.url).searchParams.get('text'));
    out.push({ name: await tents.nth(i).locator('.tent-front .tent-name').innerText(), url: `${env.server.url}/tablet.html${url.hash}` });
  }
  return out;
}

async function joinByTent(link) {
  const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto(link.url);
  await page.waitForSelector('#tent-join', { timeout: 10_000 });
  assert.equal(await page.locator('.company-list').count(), 0, 'no company list on a tent join');
  await page.fill('#name', 'Claire');
  await page.click('#tent-join');
  await page.waitForSelector('#main', { timeout: 10_000 });
  await page.waitForFunction((name) => document.querySelector('#company-name')?.textContent === name, link.name, { timeout: 10_000 });
  return ctx;
}

test('each company gets a tent whose QR joins it, and the list can be turned off', { timeout: 120_000 }, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${env.server.url}/console.html#token=${env.server.token}`);
  await page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  const companies = Number(/\((\d+)\)/.exec(await page.locator('#company-count').innerText())[1]);
  assert.ok(companies >= 2);

  await page.click('#print-tents');
  await page.waitForSelector('#tents-sheet .tent', { timeout: 10_000 });
  assert.equal(await page.locator('#tents-sheet .tent').count(), companies, 'one tent per company');
  await page.waitForFunction(() => [...document.querySelectorAll('img.tent-qr')].slice(0, 2).every((i) => i.complete && i.naturalWidth > 0));
  await screenshot(page, 'console-tents');
  const links = await tentLinks(page);
  assert.match(links[0].url, /#code=DEMO42&c=[^&]+&k=[0-9a-f]{16}$/);
  await page.click('#tents-close');
  assert.equal(await page.locator('#tents-sheet').count(), 0);

  const first = await joinByTent(links[0]);
  await first.close();

  // The list off: a code alone shows how to join, not the companies.
  await page.click('#tents-only');
  await page.waitForSelector('#tents-flag', { timeout: 10_000 });
  const other = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const tablet = await other.newPage();
  await tablet.goto(`${env.server.url}/tablet.html`);
  await tablet.fill('#code', 'DEMO42');
  await tablet.click('#code-next');
  await tablet.waitForFunction(() => /chevalet/.test(document.querySelector('#join-error')?.textContent ?? ''), null, { timeout: 10_000 });
  assert.equal(await tablet.locator('.company-list').count(), 0);
  await screenshot(tablet, 'tablet-tents-only');
  await other.close();

  // A tent still joins; a tampered key is refused with a clear message.
  const second = await joinByTent(links[1]);
  await second.close();
  const bad = await env.browser.newContext();
  const badPage = await bad.newPage();
  await badPage.goto(links[1].url.replace(/k=[0-9a-f]+$/, 'k=0000000000000000'));
  await badPage.fill('#name', 'Intrus');
  await badPage.click('#tent-join');
  await badPage.waitForFunction(() => /chevalet/.test(document.querySelector('#join-error')?.textContent ?? ''), null, { timeout: 10_000 });
  await bad.close();
  await ctx.close();
});
