// The tablet as a room uses it, in a real browser: a reload with no network
// and no server opens the page from the service worker with its queued card
// and its last view, and the card goes once the server is back; a server that
// hangs is not « Connecté »; the round and its time left, a move to another
// table and a pause reach the tablet; the « nouveau » badge clears once the
// matches are in sight; toasts stay clear of the tab bar. At 820×1180 and
// 390×844, screenshots in build/artefacts/.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, joinTablet, postCard, screenshot } from './support.mjs';

let server;
let browser;
const IPAD = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

async function consolePage() {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/console.html#token=${server.token}`);
  await page.waitForFunction(() => window.atelierConsole?.view.companies.size >= 12, null, { timeout: 10_000 });
  return { ctx, page };
}

async function drain(page) {
  await page.waitForFunction(() => window.atelierConsole.pending() === 0, null, { timeout: 15_000, polling: 50 });
}

test('round, table move and pause reach the phone; the badge clears when seen; toasts leave the tab bar free', { timeout: 90_000 }, async () => {
  const cons = await consolePage();
  const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, locale: 'fr-FR' });
  const phone = await ctx.newPage();
  await joinTablet(phone, server.url, 'Menuiserie Ferrand');

  await cons.page.evaluate(() => window.atelierConsole.send({ case: 'startRound', value: { minutes: 10 } }));
  await phone.locator('#round', { hasText: /Tour \d+ · (9:5\d|10:00)/ }).waitFor({ timeout: 5_000 });

  const id = await cons.page.evaluate(() => [...window.atelierConsole.view.companies.values()].find((c) => c.name === 'Menuiserie Ferrand').id);
  const table = await cons.page.evaluate((id) => window.atelierConsole.view.companies.get(id).table, id);
  const target = table === 3 ? 2 : 3;
  await cons.page.evaluate(([id, target]) => {
    const c = window.atelierConsole.view.companies.get(id);
    window.atelierConsole.send({ case: 'upsertCompany', value: { company: { id: c.id, name: c.name, siret: c.siret, naf: c.naf, zone: c.zone, address: c.address, lat: c.lat, lon: c.lon, headcount: c.headcount, ess: c.ess, contact: c.contact, table: target } } });
  }, [id, target]);
  await drain(cons.page);
  await phone.locator('.toast.show', { hasText: `table ${target}` }).waitFor({ timeout: 5_000 });
  assert.match(await phone.locator('#my-table').innerText(), new RegExp(`Table ${target}`));
  // The toast sits under the header and the tab bar, not over them.
  const tabs = await phone.locator('.tabs').boundingBox();
  const toast = await phone.locator('.toast.show').boundingBox();
  assert.ok(toast.y >= tabs.y + tabs.height, `toast at ${toast.y}, tab bar ends at ${tabs.y + tabs.height}`);
  await screenshot(phone, 'tablet-table-moved-390x844');

  await cons.page.evaluate(() => window.atelierConsole.send({ case: 'updateWorkshop', value: { workshop: { paused: true } } }));
  await phone.locator('.toast.show', { hasText: 'pause' }).waitFor({ timeout: 5_000 });
  await phone.locator('#banner:not([hidden])').waitFor({ timeout: 5_000 });
  await cons.page.evaluate(() => window.atelierConsole.send({ case: 'updateWorkshop', value: { workshop: { paused: false } } }));
  await phone.locator('.toast.show', { hasText: 'reprend' }).waitFor({ timeout: 5_000 });

  // A match arrives while the phone shows « Publier »: « nouveau » on the tab, gone once the tab is opened.
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'fr-FR' });
  const b = await other.newPage();
  await joinTablet(b, server.url, 'Serres du Pays de Rennes');
  const stamp = Date.now() % 100000;
  await postCard(phone, { kind: 'offer', category: 'dechet', text: `Palettes bois cassées, 200/mois (lot ${stamp})` });
  await postCard(b, { kind: 'need', category: 'dechet', text: `Recherche palettes bois (lot ${stamp})` });
  await phone.locator('#tab-matches.has-new').waitFor({ timeout: 10_000 });
  await phone.click('#tab-matches');
  await phone.waitForFunction(() => !document.querySelector('#tab-matches').classList.contains('has-new'), null, { timeout: 2_000 });
  // On a landscape tablet the matches are always in sight: never « nouveau ».
  assert.equal(await b.locator('#tab-matches.has-new').count(), 0);
  await b.locator('#matches .match').first().waitFor({ timeout: 10_000 });
  await screenshot(b, 'tablet-match-1280x800');
  await screenshot(phone, 'tablet-matches-390x844');
  for (const c of [ctx, other, cons.ctx]) await c.close();
});

test('a server that hangs is not « Connecté »', { timeout: 60_000 }, async () => {
  const ctx = await browser.newContext({ viewport: IPAD, hasTouch: true, locale: 'fr-FR' });
  const page = await ctx.newPage();
  await joinTablet(page, server.url, 'Menuiserie Ferrand');
  process.kill(server.pid, 'SIGSTOP');
  try {
    await page.waitForFunction(() => document.querySelector('.status')?.dataset.status !== 'online', null, { timeout: 12_000 });
    await screenshot(page, 'tablet-server-hang-820x1180');
  } finally {
    process.kill(server.pid, 'SIGCONT');
  }
  await page.locator('.status').click(); // « Reconnecter »
  await page.waitForSelector('.status[data-status=online]', { timeout: 20_000 });
  await ctx.close();
});

test('a reload with no network keeps the view and the queued card, which goes once the server is back', { timeout: 120_000 }, async () => {
  const ctx = await browser.newContext({ viewport: IPAD, hasTouch: true, locale: 'fr-FR' });
  const page = await ctx.newPage();
  await joinTablet(page, server.url, 'Menuiserie Ferrand');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 10_000 });
  const tableCards = await page.locator('#table .card').count();
  await page.waitForTimeout(1200); // the view is kept on the device once a second

  // No Wi-Fi and no server: the card waits on the tablet.
  const port = server.port;
  const dir = server.dir;
  await ctx.setOffline(true);
  await server.stop();
  const text = `Copeaux hors ligne ${Date.now()}`;
  await postCard(page, { kind: 'offer', category: 'dechet', text });
  await page.locator('#mine .card.pending', { hasText: text }).waitFor({ timeout: 5_000 });

  // A reload: the page comes from the service worker, with the card and the view.
  await page.reload();
  await page.locator('#mine .card.pending', { hasText: text }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('#company-name').innerText(), 'Menuiserie Ferrand');
  assert.ok(await page.locator('#table .card').count() >= tableCards, 'the table’s cards are still shown');
  assert.notEqual(await page.getAttribute('.status', 'data-status'), 'online');
  await screenshot(page, 'tablet-offline-reload-820x1180');

  // Back: the server on the same address and database, the network up.
  server = await startServer({ dir, port });
  await ctx.setOffline(false);
  await page.locator('.status').click();
  await page.waitForSelector('.status[data-status=online][data-pending="0"]', { timeout: 30_000 });
  await page.locator('#mine .card:not(.pending)', { hasText: text }).waitFor({ timeout: 10_000 });
  // Delivered once, as the board shows.
  const boardCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const board = await boardCtx.newPage();
  await board.goto(`${server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });
  assert.equal(await board.locator('.card', { hasText: text }).count(), 1);
  for (const c of [ctx, boardCtx]) await c.close();
});
