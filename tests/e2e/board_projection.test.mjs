// The board as a projection, in a real browser: text sizes measured at
// 1920×1080 (nothing under 24 px), whole cards only and tables paged at
// 1280×720, « Qui va voir qui » in large text, a network that bundles what
// does not fit, the results after the close (also on a board reopened after
// it), and the replay laid out the same way at 1366×768. Screenshots in
// build/artefacts/.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, screenshot } from './support.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ flags: ['--rate', '100000'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

async function drain(page) {
  await page.waitForFunction(() => window.atelierConsole.pending() === 0, null, { timeout: 30_000, polling: 50 });
}

// Every visible piece of text on the page, with its size on screen in px
// (SVG text scaled by its transform to the screen).
async function textSizes(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      if (!el || el.closest('[hidden], noscript, title, script, style')) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || r.bottom < 0 || r.top > innerHeight) continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) px *= el.getScreenCTM()?.a ?? 1;
      out.push({ text: n.textContent.trim().slice(0, 30), px, cls: el.getAttribute('class') ?? el.tagName });
    }
    return out;
  });
}

// Cards cut by the bottom of their column (there should be none).
async function halfCards(page) {
  return page.evaluate(() => [...document.querySelectorAll('.column:not([hidden]) .card:not([hidden])')].filter((c) => {
    const box = c.closest('.col-cards').getBoundingClientRect();
    return c.getBoundingClientRect().bottom > box.bottom + 1;
  }).length);
}

test('the board reads from the back of the room, then shows the results after the close', { timeout: 240_000 }, async () => {
  const consoleCtx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const cons = await consoleCtx.newPage();
  await cons.goto(`${server.url}/console.html#token=${server.token}`);
  await cons.waitForFunction(() => window.atelierConsole?.view.companies.size >= 12, null, { timeout: 10_000 });

  const big = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const board = await big.newPage();
  await board.goto(`${server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });
  await board.waitForFunction(() => document.querySelector('#board-qr')?.naturalWidth > 0, null, { timeout: 5_000 });

  // Two synergies of the demo confirmed: « Qui va voir qui » lists them.
  const ids = await cons.evaluate(() => [...window.atelierConsole.view.companies.keys()]);
  await cons.evaluate((ids) => {
    window.atelierConsole.send({ case: 'setSynergy', value: { synergy: { kind: 1, companyIds: [ids[0], ids[5]], status: 2, title: 'Palettes' } } });
    window.atelierConsole.send({ case: 'setSynergy', value: { synergy: { kind: 2, companyIds: [ids[2], ids[7]], status: 1, title: 'Achats groupés' } } });
  }, ids);
  await drain(cons);
  await board.locator('#who-list .who-row').nth(1).waitFor({ timeout: 5_000 });
  const whoText = await board.locator('#who-list').innerText();
  const names = await cons.evaluate((ids) => ids.map((id) => window.atelierConsole.view.companies.get(id).name), [ids[0], ids[5]]);
  for (const n of names) assert.ok(whoText.includes(n), `${n} in « Qui va voir qui »`);
  assert.match(whoText, /confirmée/);
  assert.match(whoText, /intérêt mutuel/);

  // 1920×1080: every piece of text at least 24 px, no half card.
  await board.waitForTimeout(1600); // arrival animations
  const sizes = await textSizes(board);
  const small = sizes.filter((s) => s.px < 24);
  assert.deepEqual(small, [], `text under 24 px at 1920×1080: ${JSON.stringify(small.slice(0, 8))}`);
  assert.ok(sizes.length > 40, `${sizes.length} texts measured`);
  assert.equal(await halfCards(board), 0);
  assert.ok(await board.locator('#graph .graph-label').count() >= 1);
  await screenshot(board, 'board-projection-1920x1080');

  // 1280×720: the same board, smaller but whole; column text still readable.
  const mid = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const small720 = await mid.newPage();
  await small720.goto(`${server.url}/board.html#code=DEMO42`);
  await small720.waitForSelector('.column .card', { timeout: 10_000 });
  await small720.waitForTimeout(500);
  assert.equal(await halfCards(small720), 0);
  const minPx = Math.min(...(await textSizes(small720)).map((s) => s.px));
  assert.ok(minPx >= 16, `smallest text at 1280×720: ${minPx} px`);
  const colWidth = await small720.evaluate(() => Math.min(...[...document.querySelectorAll('.column:not([hidden])')].map((c) => c.getBoundingClientRect().width)));
  assert.ok(colWidth >= 180, `columns ${colWidth} px wide`);
  await screenshot(small720, 'board-projection-1280x720');

  // Eight tables and 48 more companies: the columns are paged, the network bundled by table.
  await cons.evaluate(() => window.atelierConsole.send({ case: 'updateWorkshop', value: { workshop: { tables: 8 } } }));
  const companies = Array.from({ length: 48 }, (_, i) => ({ name: `Entreprise ${String(i + 13).padStart(2, '0')}`, table: (i % 8) + 1 }));
  await cons.evaluate((list) => window.atelierConsole.send({ case: 'importCompanies', value: { companies: list } }), companies);
  await drain(cons);
  const all = await cons.evaluate(() => [...window.atelierConsole.view.companies.keys()]);
  const cards = all.flatMap((id, i) => [0, 1, 2].map((k) => ({ kind: 1 + (k % 2), category: 'dechet', text: `Carte ${i}-${k} chutes de bois propres`, companyId: id })));
  await cons.evaluate((cards) => { for (const card of cards) window.atelierConsole.send({ case: 'postCard', value: { card } }); }, cards);
  await drain(cons);
  const synergies = Array.from({ length: 80 }, (_, i) => ({ kind: (i % 3) + 1, companyIds: [all[i % all.length], all[(i * 7 + 3) % all.length]], status: 2, title: `S${i}` }))
    .filter((s) => s.companyIds[0] !== s.companyIds[1]);
  await cons.evaluate((list) => { for (const synergy of list) window.atelierConsole.send({ case: 'setSynergy', value: { synergy } }); }, synergies);
  await drain(cons);
  await board.waitForFunction(() => document.querySelectorAll('.column').length === 8, null, { timeout: 10_000 });
  await board.waitForFunction(() => document.querySelector('#graph')?.dataset.mode === 'tables', null, { timeout: 10_000 });
  assert.ok(await board.locator('#graph .graph-label').count() <= 8, 'few names in the bundled network');
  assert.ok(await board.locator('#graph .link-bundle').count() >= 1);
  for (const page of [board, small720]) {
    await page.waitForFunction(() => document.querySelectorAll('.column').length === 8, null, { timeout: 10_000 });
    await page.waitForTimeout(1600);
    const visible = await page.locator('.column:not([hidden])').count();
    assert.ok(visible < 8, `${visible} of 8 tables shown at once`);
    assert.match(await page.locator('#tables-pager').innerText(), /Tables \d–\d \/ 8/);
    assert.equal(await halfCards(page), 0);
    assert.match(await page.locator('#who-pager').innerText(), /^1–\d+ \/ \d+$/);
  }
  const bigSmall = (await textSizes(board)).filter((s) => s.px < 24);
  assert.deepEqual(bigSmall, [], `text under 24 px with 8 tables: ${JSON.stringify(bigSmall.slice(0, 8))}`);
  await screenshot(board, 'board-projection-8-tables-1920x1080');
  await screenshot(small720, 'board-projection-8-tables-1280x720');

  // English, with plurals by the language's rules.
  await board.click('.board-bar .lang');
  await board.locator('#who-title', { hasText: 'Who meets whom' }).waitFor({ timeout: 5_000 });
  assert.match(await board.locator('.column[data-table="1"] .col-count').innerText(), /^\d+ cards$/);
  assert.ok(await board.locator('.column:not([hidden])').count() < 8, 'still paged after the switch');
  assert.equal(await halfCards(board), 0);
  await screenshot(board, 'board-projection-en-1920x1080');
  await board.click('.board-bar .lang');

  // The close: the board turns to the results; one opened afterwards shows them too.
  await cons.evaluate(() => window.atelierConsole.send({ case: 'updateWorkshop', value: { workshop: { status: 4 } } }));
  await drain(cons);
  await board.locator('#results:not([hidden])').waitFor({ timeout: 10_000 });
  assert.equal(await board.locator('#join-box').isVisible(), false, 'no « Rejoignez » after the close');
  assert.match(await board.locator('#results-title').innerText(), /Atelier clos/);
  assert.equal(await board.getAttribute('.board-bar .status', 'data-status'), 'closed');
  await board.waitForTimeout(300);
  await screenshot(board, 'board-results-1920x1080');

  const later = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const reopened = await later.newPage();
  await reopened.goto(`${server.url}/board.html#code=DEMO42`);
  await reopened.locator('#results:not([hidden])').waitFor({ timeout: 10_000 });
  assert.ok(await reopened.locator('#results-who .who-row').count() >= 1);
  assert.equal(await reopened.locator('[data-counter="synergies"] strong').innerText(), String(2 + synergies.length));
  assert.equal(await reopened.getAttribute('.board-bar .status', 'data-status'), 'closed');
  assert.doesNotMatch(await reopened.locator('body').innerText(), /Rejoignez|Déconnecté/);
  await screenshot(reopened, 'board-results-reopened-1280x720');

  // The replay: the same board, readable at a laptop's 1366×768.
  const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const replay = await laptop.newPage();
  await replay.goto(`${server.url}/replay.html#token=${server.token}`);
  await replay.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
  const total = Number(await replay.getAttribute('#scrub', 'max'));
  await replay.locator('#scrub').fill(String(total - 3));
  await replay.waitForTimeout(300);
  const widths = await replay.evaluate(() => [...document.querySelectorAll('.column:not([hidden])')].map((c) => c.getBoundingClientRect().width));
  assert.ok(widths.length >= 1 && Math.min(...widths) >= 190, `replay columns ${widths.join(', ')} px`);
  assert.equal(await halfCards(replay), 0);
  await screenshot(replay, 'replay-1366x768');
  for (const ctx of [consoleCtx, big, mid, later, laptop]) await ctx.close();
});
