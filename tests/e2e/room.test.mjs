// The room, end to end in Chromium: numbers typed the French way (tablet quantity, follow-up
// figures) stored as numbers and kept across a restart; the console's « Rejeter » and
// « Retirer » in in-page dialogs, the withdrawal's reason on the author's tablet, errors beside
// their action, a title saved without un-pausing the room; the tablets' address on the board
// and the console (--public-url, else the LAN), a warning on localhost, the full-screen QR.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { startServer, launchBrowser, joinTablet, postCard, screenshot } from './support.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

async function consolePage(srv = server, viewport = { width: 1366, height: 768 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/console.html#token=${srv.token}`);
  await page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  await page.waitForFunction(() => window.atelierConsole?.view?.info, null, { timeout: 10_000 });
  return { ctx, page };
}

test('French numbers: « 2,5 » is 2.5 on a tablet, « 4800,50 » € is 4800.5 in the follow-up, and stays so', { timeout: 120_000 }, async () => {
  const { ctx, page } = await consolePage();
  const tctx = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
  const tab = await tctx.newPage();
  await joinTablet(tab, server.url, 'Menuiserie');
  const text = `Sciure de hêtre ${Date.now()}`;
  await tab.click('.seg-btn[data-kind=offer]');
  await tab.click('.cat[data-category=matiere]');
  await tab.fill('#card-text', text);
  await tab.click('.more summary');
  // Refused before anything is sent, with the reason beside the field.
  await tab.fill('#card-qty', '1.234,5');
  await tab.locator('#card-qty + .num-echo.bad', { hasText: 'ambigu' }).waitFor({ timeout: 5_000 });
  await tab.click('#card-post');
  assert.equal(await tab.locator('#mine .card', { hasText: text }).count(), 0);
  // Echoed formatted, then stored as 2.5 (not 25).
  await tab.fill('#card-qty', '2,5');
  assert.equal(await tab.locator('#card-qty + .num-echo').innerText(), '= 2,5');
  await tab.fill('#card-unit', 't/semaine');
  await screenshot(tab, 'room-tablet-quantity-820x1180');
  await tab.click('#card-post');
  await tab.locator('#mine .card:not(.pending)', { hasText: text }).waitFor({ timeout: 10_000 });
  assert.match(await tab.locator('#mine .card', { hasText: text }).innerText(), /2,5 t\/semaine/);
  const quantity = await page.waitForFunction((t) => {
    const c = [...window.atelierConsole.view.cards.values()].find((x) => x.text === t);
    return c ? c.quantity : undefined;
  }, text, { timeout: 10_000 });
  assert.equal(await quantity.jsonValue(), 2.5);

  // Follow-up: a synergy made in the console, its figures typed the French way.
  await page.evaluate(() => window.atelierConsole.send({ case: 'setSynergy', value: { synergy: {
    kind: 1, status: 2, title: 'Sciure vers la chaufferie', companyIds: [...window.atelierConsole.view.companies.keys()].slice(0, 2) } } }));
  const fctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const follow = await fctx.newPage();
  await follow.goto(`${server.url}/followup.html#token=${server.token}`);
  await follow.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
  const item = follow.locator('.synergy', { hasText: 'Sciure vers la chaufferie' });
  await item.waitFor({ timeout: 10_000 });
  await item.locator('.edit-synergy').click();
  const dlg = follow.locator('#synergy-dialog');
  await dlg.waitFor({ timeout: 5_000 });
  // Wide enough to read: the dialog, not a 230 px column.
  const box = await dlg.boundingBox();
  assert.ok(box.width >= 900, `editor ${box.width}px wide`);
  await dlg.locator('input[name=estimated_euros]').fill('4800,50');
  await dlg.locator('input[name=estimated_co2e]').fill('12,5');
  await dlg.locator('input[name=estimated_tonnes]').fill('4\u202f800');
  assert.equal(await dlg.locator('input[name=estimated_euros] + .num-echo').innerText(), '= 4\u202f800,5');
  assert.equal(await dlg.locator('input[name=estimated_co2e] + .num-echo').innerText(), '= 12,5');
  await dlg.locator('input[name=verified_euros]').fill('12 t');
  await dlg.locator('button[type=submit]').click();
  await dlg.locator('#synergy-editor-error', { hasText: 'n’est pas un nombre' }).waitFor({ timeout: 5_000 });
  await screenshot(follow, 'room-followup-editor-1366x768');
  await dlg.locator('input[name=verified_euros]').fill('');
  await dlg.locator('button[type=submit]').click();
  await dlg.waitFor({ state: 'detached', timeout: 5_000 });
  const figures = await page.waitForFunction(() => {
    const s = [...window.atelierConsole.view.synergies.values()].find((x) => x.title === 'Sciure vers la chaufferie');
    return s && s.estimatedEuros ? [s.estimatedEuros, s.estimatedCo2e, s.estimatedTonnes] : undefined;
  }, null, { timeout: 10_000 });
  assert.deepEqual(await figures.jsonValue(), [4800.5, 12.5, 4800]);
  await tctx.close();
  await fctx.close();
  await ctx.close();

  // Stored on disk: the same figures after a restart, in the synergies export.
  await server.stop();
  server = await startServer({ dir: server.dir });
  const { ctx: c2, page: p2 } = await consolePage();
  const id = await p2.evaluate(() => window.atelierConsole.view.info.id);
  const res = await fetch(`${server.url}/api/workshops/${id}/export/synergies.csv`, { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(res.status, 200);
  const csv = await res.text();
  const line = csv.split(/\r?\n/).find((l) => l.includes('Sciure vers la chaufferie'));
  assert.ok(line, csv.slice(0, 400));
  assert.match(line, /4800[.,]5/);
  assert.match(line, /12[.,]5/);
  assert.equal(await p2.evaluate((t) => [...window.atelierConsole.view.cards.values()].find((x) => x.text === t)?.quantity, text), 2.5);
  await c2.close();
});

test('console: reject and withdraw in in-page dialogs, the reason on the author’s tablet, errors beside the action, the title saved without un-pausing', { timeout: 120_000 }, async () => {
  const { ctx, page } = await consolePage();
  let prompted = false;
  page.on('dialog', async (d) => { prompted = true; await d.dismiss(); });
  const tctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const tab = await tctx.newPage();
  await joinTablet(tab, server.url, 'Menuiserie');
  const text = `Numéro perso 06 ${Date.now()}`;
  await postCard(tab, { kind: 'offer', category: 'service', text });
  const card = page.locator('#console-cards .card', { hasText: text });
  await card.waitFor({ timeout: 10_000 });

  // Withdraw: a dialog with the reason, which reaches the author.
  await card.locator('[data-action=withdraw]').click();
  const wd = page.locator('#withdraw-dialog');
  await wd.waitFor({ timeout: 5_000 });
  assert.match(await wd.innerText(), /tablette de l’auteur/);
  await wd.locator('textarea').fill('Coordonnées personnelles : passez par l’animateur');
  await screenshot(page, 'room-console-withdraw-1366x768');
  await wd.locator('[data-action=confirm]').click();
  await card.waitFor({ state: 'detached', timeout: 10_000 });
  const note = tab.locator('#moderation-note');
  await note.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await note.innerText(), /Coordonnées personnelles/);
  assert.match(await note.innerText(), new RegExp(text));
  await screenshot(tab, 'room-tablet-withdrawn-390x844');

  // Reject with each reason of the protocol's list, confirmed first.
  for (const label of ['Réglementaire', 'Plus de contact']) {
    const title = `Rejet ${label} ${Date.now()}`;
    await page.evaluate((t) => window.atelierConsole.send({ case: 'setSynergy', value: { synergy: {
      kind: 2, status: 1, title: t, companyIds: [...window.atelierConsole.view.companies.keys()].slice(1, 3) } } }), title);
    const syn = page.locator('#console-synergies .synergy', { hasText: title });
    await syn.waitFor({ timeout: 10_000 });
    await syn.locator('[data-action=reject]').click();
    const rd = page.locator('#reject-dialog');
    await rd.locator('select').selectOption({ label });
    await rd.locator('[data-action=confirm]').click();
    await page.locator('#console-synergies .synergy[data-status="5"]', { hasText: title }).waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#console-synergies .synergy', { hasText: title }).innerText(), new RegExp(label));
  }
  assert.equal(await page.locator('#console-error').innerText(), '');

  // Pause, then save only the title: the room stays paused.
  await page.click('#pause');
  await page.locator('#paused-flag').waitFor({ timeout: 5_000 });
  await page.fill('#ws-title', 'Atelier renommé en pause');
  await page.click('#ws-save');
  await page.locator('#console-title', { hasText: 'Atelier renommé en pause' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.evaluate(() => window.atelierConsole.view.info.paused), true);
  assert.equal(await page.locator('#paused-flag').count(), 1);
  await page.click('#pause');
  await page.locator('#paused-flag').waitFor({ state: 'detached', timeout: 5_000 });

  // A refusal shows beside the action that caused it, not at the top of the page: close the
  // workshop (confirmed in the page), then try to withdraw a card.
  const other = `Carte après clôture ${Date.now()}`;
  await postCard(tab, { kind: 'need', category: 'service', text: other });
  const late = page.locator('#console-cards .card', { hasText: other });
  await late.waitFor({ timeout: 10_000 });
  await page.click('#close-workshop');
  await page.locator('#close-dialog [data-action=confirm]').click();
  await page.waitForFunction(() => window.atelierConsole.view.info.status === 4, null, { timeout: 5_000 });
  await late.locator('[data-action=withdraw]').click();
  await page.locator('#withdraw-dialog [data-action=confirm]').click();
  const slot = late.locator('.action-error');
  await slot.waitFor({ state: 'visible', timeout: 10_000 });
  assert.ok((await slot.innerText()).length > 5);
  assert.equal(await page.locator('#console-error').innerText(), '');
  await late.scrollIntoViewIfNeeded();
  await screenshot(page, 'room-console-error-beside-1366x768');
  assert.equal(prompted, false, 'no browser prompt() or confirm()');
  // Reopen for the next test.
  await page.selectOption('#ws-status', '3');
  await page.click('#ws-save');
  await page.waitForFunction(() => window.atelierConsole.view.info.status === 3, null, { timeout: 5_000 });
  await tctx.close();
  await ctx.close();
});

function lanAddresses() {
  return Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i.address);
}

test('the board and the console use the server’s address: --public-url, else the LAN; a warning on localhost; full-screen QR', { timeout: 120_000 }, async () => {
  // Without --public-url, opened on 127.0.0.1: the LAN address if the machine has one,
  // else a visible warning.
  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
    const bctx = await browser.newContext({ viewport });
    const board = await bctx.newPage();
    await board.goto(`${server.url}/board.html#code=DEMO42`);
    await board.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
    await board.waitForFunction(() => document.querySelector('#board-qr')?.naturalWidth > 0, null, { timeout: 10_000 });
    const host = await board.locator('#join-host').innerText();
    const lans = lanAddresses();
    if (lans.length) {
      assert.ok(lans.some((a) => host.startsWith(`${a}:${server.port}`)), `${host} not in ${lans}`);
      assert.equal(await board.locator('#join-warn').isVisible(), false);
    } else {
      assert.match(host, /^127\.0\.0\.1/);
      assert.equal(await board.locator('#join-warn').isVisible(), true);
    }
    await screenshot(board, `room-board-join-${viewport.width}x${viewport.height}`);
    await board.click('#join-full-open');
    const full = board.locator('#join-full');
    await full.waitFor({ timeout: 5_000 });
    const size = await board.locator('#join-full-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 100, `code ${size}px`);
    assert.equal(await board.locator('#join-full-code').innerText(), 'DEMO42');
    const qr = await board.locator('#join-full-qr').boundingBox();
    assert.ok(qr.height >= viewport.height * 0.6, `QR ${qr.height}px`);
    await screenshot(board, `room-board-fullscreen-qr-${viewport.width}x${viewport.height}`);
    await board.keyboard.press('Escape');
    await full.waitFor({ state: 'detached', timeout: 5_000 });
    await bctx.close();
  }

  // A loopback choice is warned about on the console, and never reaches the board's QR
  // when the server knows better.
  const { ctx, page } = await consolePage();
  await page.fill('#tablet-base', 'http://localhost:8080');
  await page.locator('#tablet-base').dispatchEvent('change');
  if (!lanAddresses().length) {
    await page.locator('#base-warn', { hasText: 'localhost' }).waitFor({ timeout: 5_000 });
  }
  await ctx.close();

  // With --public-url: that address everywhere, no warning.
  const pub = await startServer({ flags: ['--public-url', 'http://atelier.lan:8443/'] });
  try {
    const { ctx: c2, page: p2 } = await consolePage(pub);
    await p2.locator('#console-join-code', { hasText: 'DEMO42' }).waitFor({ timeout: 5_000 });
    assert.equal(await p2.inputValue('#tablet-base'), 'http://atelier.lan:8443');
    assert.equal(await p2.locator('#join-url').innerText(), 'http://atelier.lan:8443/tablet.html#code=DEMO42');
    assert.equal(await p2.locator('#base-warn').innerText(), '');
    const boardHref = await p2.locator('#board-link').getAttribute('href');
    await screenshot(p2, 'room-console-join-1366x768');
    const bctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const board = await bctx.newPage();
    await board.goto(`${pub.url}${boardHref}`);
    await board.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
    await board.locator('#join-host', { hasText: 'atelier.lan:8443/tablet.html' }).waitFor({ timeout: 5_000 });
    const src = await board.locator('#board-qr').getAttribute('src');
    assert.equal(decodeURIComponent(src.replace(/^\/qr\.svg\?text=/, '')), 'http://atelier.lan:8443/tablet.html#code=DEMO42');
    assert.equal(await board.locator('#join-warn').isVisible(), false);
    await bctx.close();
    await c2.close();
  } finally {
    await pub.stop();
    pub.cleanup();
  }
});

test('one navigation on every facilitator page, console sections that fit 1366×768, card search and filters', { timeout: 120_000 }, async () => {
  const { ctx, page } = await consolePage();
  const labels = ['Console', 'Écran', 'Suivi', 'Relecture', 'Exports', 'Bilan'];
  const navOf = async (p) => (await p.locator('.facilitator-nav a').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(await navOf(page), labels);
  assert.equal(await page.locator('.facilitator-nav a[aria-current=page]').innerText(), 'Console');
  await page.waitForFunction(() => /#code=DEMO42/.test(document.querySelector('[data-nav=board]')?.getAttribute('href') ?? ''), null, { timeout: 5_000 });
  // Every section heading is reachable from the list, and each panel fits the screen.
  for (const id of ['run-panel', 'join-panel', 'workshop-panel', 'cards-panel', 'synergies-panel', 'companies-panel']) {
    await page.click(`.console-sections a[data-section="${id}"]`);
    const box = await page.locator(`#${id}`).boundingBox();
    if (id !== 'companies-panel') assert.ok(box.height <= 768, `${id} is ${box.height}px high`);
  }
  await page.click('.console-sections a[data-section="cards-panel"]');
  await screenshot(page, 'room-console-moderation-1366x768');
  // Search and filters over the cards.
  const all = await page.locator('#console-cards .card').count();
  assert.ok(all > 5);
  await page.fill('#card-search', 'palette');
  await page.waitForFunction((n) => document.querySelectorAll('#console-cards .card').length < n, all, { timeout: 5_000 });
  for (const t of await page.locator('#console-cards .card').allInnerTexts()) assert.match(t.toLowerCase(), /palette/);
  await page.fill('#card-search', '');
  await page.selectOption('#card-kind-filter', '2');
  await page.waitForFunction(() => [...document.querySelectorAll('#console-cards .card')].every((c) => c.classList.contains('card-need')), null, { timeout: 5_000 });
  await page.selectOption('#card-kind-filter', '');
  await page.fill('#card-search', 'zzzz introuvable');
  await page.locator('#no-card-match').waitFor({ timeout: 5_000 });
  await page.fill('#card-search', '');

  // The same navigation, token carried, on the follow-up, exports, replay and report pages.
  for (const [nav, current, ready] of [['followup', 'Suivi', 'body[data-ready="1"]'], ['exports', 'Exports', '#exports'],
    ['replay', 'Relecture', '#replay-seq'], ['report', 'Bilan', '.report-head']]) {
    const href = await page.locator(`[data-nav=${nav}]`).getAttribute('href');
    const p = await ctx.newPage();
    await p.goto(`${server.url}${href}`);
    await p.waitForSelector(ready, { timeout: 15_000 });
    await p.locator('.facilitator-nav').waitFor({ timeout: 10_000 });
    assert.deepEqual(await navOf(p), labels);
    assert.equal(await p.locator('.facilitator-nav a[aria-current=page]').innerText(), current);
    assert.ok(!p.url().includes(server.token), 'the token leaves the address bar');
    await screenshot(p, `room-nav-${nav}-1366x768`);
    await p.close();
  }
  await ctx.close();
});

test('console: a company’s personal data erased after an in-page confirmation', { timeout: 60_000 }, async () => {
  const { ctx, page } = await consolePage();
  const id = await page.evaluate(() => [...window.atelierConsole.view.companies.values()].find((c) => c.name.startsWith('Ressourcerie'))?.id);
  assert.ok(id, 'the demo has a ressourcerie');
  assert.notEqual(await page.evaluate((i) => window.atelierConsole.view.companies.get(i).contact, id), '');
  const row = page.locator(`#companies tr[data-company="${id}"]`);
  await row.locator('.erase-company').click();
  const dlg = page.locator('#erase-dialog');
  await dlg.waitFor({ timeout: 5_000 });
  assert.match(await dlg.innerText(), /sans retour possible/);
  // Cancel first: nothing changes.
  await dlg.locator('[data-action=cancel]').click();
  assert.notEqual(await page.evaluate((i) => window.atelierConsole.view.companies.get(i).contact, id), '');
  await row.locator('.erase-company').click();
  await page.locator('#erase-dialog [data-action=confirm]').click();
  await row.locator('text=Aucune donnée personnelle').waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate((i) => window.atelierConsole.view.companies.get(i).contact, id), '');
  assert.equal(await page.locator('[data-error-scope=companies]').innerText(), '');
  await screenshot(page, 'room-console-erased-1366x768');
  await ctx.close();
});

test('console: a company’s device revoked, the tablet sent back to the join page', { timeout: 60_000 }, async () => {
  const tctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const tab = await tctx.newPage();
  await joinTablet(tab, server.url, 'Imprimerie');
  const { ctx, page } = await consolePage();
  const id = await page.evaluate(() => [...window.atelierConsole.view.companies.values()].find((c) => c.name.startsWith('Imprimerie'))?.id);
  const devices = page.locator(`#companies tr[data-company="${id}"] .devices li`);
  await devices.first().waitFor({ timeout: 10_000 });
  const before = await devices.count();
  await devices.last().locator('.revoke-device').click();
  await page.locator('#revoke-dialog [data-action=confirm]').click();
  await page.waitForFunction(([cid, n]) => document.querySelectorAll(`#companies tr[data-company="${cid}"] .devices li`).length === n - 1,
    [id, before], { timeout: 10_000 });
  // The tablet is disconnected and asked to join again with the code.
  await tab.locator('#code').waitFor({ timeout: 10_000 });
  assert.match(await tab.locator('body').innerText(), /déconnectée par l’animateur/);
  await screenshot(page, 'room-console-devices-1366x768');
  await Promise.all([ctx.close(), tctx.close()]);
});

test('a tablet away during the close keeps what it saw, read only, and its token has ended', { timeout: 60_000 }, async () => {
  const srv = await startServer();
  try {
    const tctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const tab = await tctx.newPage();
    await joinTablet(tab, srv.url, 'Menuiserie');
    const text = `Palettes avant clôture ${Date.now()}`;
    await postCard(tab, { kind: 'offer', category: 'dechet', text });
    await tab.locator('.card', { hasText: text }).first().waitFor({ timeout: 10_000 });
    await tab.waitForTimeout(1500);  // the view is kept on the device once a second
    await tab.goto('about:blank');

    const { ctx, page } = await consolePage(srv);
    await page.click('#close-workshop');
    await page.locator('#close-dialog [data-action=confirm]').click();
    await page.waitForFunction(() => window.atelierConsole.view.info.status === 4, null, { timeout: 5_000 });
    await ctx.close();

    await tab.goto(`${srv.url}/tablet.html`);
    await tab.locator('.toast.show', { hasText: 'L’atelier est clos.' }).waitFor({ timeout: 10_000 });
    await tab.locator('.card', { hasText: text }).first().waitFor({ timeout: 5_000 });
    assert.equal(await tab.locator('#code').count(), 0, 'not sent back to the join page');
    assert.equal(await tab.locator('#banner').isVisible(), true, 'the closed banner');
    await screenshot(tab, 'room-tablet-after-close-390x844');
    await tctx.close();
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});
