// The projected board with a workshop of the size we design for (60
// companies, 600 cards, 300 synergies): how long one update takes to render
// in Chromium, printed and written to build/artefacts/board-perf.json. The
// figures are reported, not asserted against a time (a loaded CI machine is
// slower); the test checks that the board shows everything.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, screenshot, ARTEFACTS } from './support.mjs';

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

const CATS = ['matiere', 'dechet', 'energie', 'eau', 'equipement', 'espace', 'logistique', 'service', 'rh', 'achat', 'formation'];
const WORDS = ['palettes bois', 'cartons propres', 'chaleur fatale', 'eau de refroidissement', 'chariot élévateur',
  'stockage 200 m²', 'tournée de livraison', 'gardiennage de nuit', 'emploi partagé', 'achat groupé EPI', 'formation SST'];

// A small deterministic generator: the same workshop every run.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function drain(page) {
  await page.waitForFunction(() => window.atelierConsole.pending() === 0, null, { timeout: 60_000, polling: 50 });
}

test('board renders a 60-company, 600-card, 300-synergy workshop smoothly', { timeout: 240_000 }, async () => {
  const boardCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const board = await boardCtx.newPage();
  await board.goto(`${server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });
  await board.waitForFunction(() => document.querySelector('#board-qr')?.naturalWidth > 0, null, { timeout: 5_000 });
  await screenshot(board, 'board-demo-1920x1080');

  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/console.html#token=${server.token}`);
  await page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  await page.waitForFunction(() => window.atelierConsole?.view.companies.size >= 12, null, { timeout: 10_000 });

  const rand = rng(42);
  // 8 tables and 48 more companies: 60 in all.
  await page.evaluate(() => window.atelierConsole.send({ case: 'updateWorkshop', value: { workshop: { tables: 8, title: 'Atelier Rennes Est — 60 entreprises' } } }));
  await drain(page);
  const companies = Array.from({ length: 48 }, (_, i) => ({
    name: `Entreprise ${String(i + 13).padStart(2, '0')}`, table: (i % 8) + 1, ess: i % 9 === 0,
  }));
  await page.evaluate((list) => window.atelierConsole.send({ case: 'importCompanies', value: { companies: list } }), companies);
  await drain(page);
  const ids = await page.evaluate(() => [...window.atelierConsole.view.companies.keys()]);
  assert.equal(ids.length, 60);

  // 600 cards in all (the demo has 23), posted in bursts as a room would.
  const cards = [];
  for (let i = 0; i < 577; i++) {
    cards.push({
      kind: rand() < 0.5 ? 1 : 2, category: CATS[Math.floor(rand() * CATS.length)],
      text: `${WORDS[Math.floor(rand() * WORDS.length)]} n°${i}`, companyId: ids[Math.floor(rand() * ids.length)],
    });
  }
  for (let i = 0; i < cards.length; i += 50) {
    await page.evaluate((chunk) => { for (const card of chunk) window.atelierConsole.send({ case: 'postCard', value: { card } }); }, cards.slice(i, i + 50));
    await drain(page);
  }
  // 300 synergies between companies, all three kinds.
  const synergies = [];
  for (let i = 0; i < 300; i++) {
    const a = ids[Math.floor(rand() * ids.length)];
    let b = ids[Math.floor(rand() * ids.length)];
    if (b === a) b = ids[(ids.indexOf(a) + 1) % ids.length];
    synergies.push({ kind: (i % 3) + 1, companyIds: [a, b], status: 1 + (i % 2), title: `Synergie ${i}` });
  }
  for (let i = 0; i < synergies.length; i += 50) {
    await page.evaluate((chunk) => { for (const synergy of chunk) window.atelierConsole.send({ case: 'setSynergy', value: { synergy } }); }, synergies.slice(i, i + 50));
    await drain(page);
  }
  await board.waitForFunction(() => document.querySelector('[data-counter="synergies"] strong')?.textContent === '300', null, { timeout: 30_000 });
  assert.equal(await board.locator('[data-counter="cards"] strong').innerText(), '600');
  assert.equal(await board.locator('[data-counter="companies"] strong').innerText(), '60');
  assert.equal(await board.locator('#graph .graph-node').count(), 60);
  assert.equal(await board.locator('.column').count(), 8);
  // Overflowing columns keep a bounded number of cards and say how many more.
  const perColumn = await board.locator('.column[data-table="1"] .card').count();
  assert.ok(perColumn <= 14, `${perColumn} cards drawn in one column`);
  assert.match(await board.locator('.column[data-table="1"] .col-more').innerText(), /\+ \d+ cartes/);
  const bulk = await board.evaluate(() => ({ ...window.atelierBoardStats }));

  // One update at a time on the full workshop: a card posted, then a synergy.
  const samples = [];
  const parts = [];
  for (let i = 0; i < 20; i++) {
    const before = await board.evaluate(() => window.atelierBoardStats.renders);
    const text = `Mesure ${i} ${Date.now()}`;
    await page.evaluate(([card, synergy]) => {
      window.atelierConsole.send({ case: 'postCard', value: { card } });
      if (synergy) window.atelierConsole.send({ case: 'setSynergy', value: { synergy } });
    }, [{ kind: 1, category: 'dechet', text, companyId: ids[i] }, i % 2 ? { kind: 2, companyIds: [ids[i], ids[i + 1]] } : null]);
    await board.locator('.column .card', { hasText: text }).waitFor({ timeout: 10_000 });
    await board.waitForFunction((n) => window.atelierBoardStats.renders > n, before, { timeout: 5_000 });
    samples.push(await board.evaluate(() => window.atelierBoardStats.lastMs));
    parts.push(await board.evaluate(() => ({ ...window.atelierBoardStats })));
  }
  samples.sort((a, b) => a - b);
  const report = {
    companies: 60, cards: 620, synergies: 310,
    update_render_ms: { median: samples[10], p95: samples[18], max: samples[19] },
    bulk_seeding: { renders: bulk.renders, max_ms: bulk.maxMs, mean_ms: bulk.totalMs / Math.max(1, bulk.renders) },
    graph_ms_last: await board.evaluate(() => window.atelierBoardStats.graphMs),
    // Where the time of the last updates went: columns, « Qui va voir qui », network.
    parts_ms: parts.slice(-4).map((p) => ({ total: p.lastMs, columns: p.columnsMs, who: p.whoMs, graph: p.graphMs })),
  };
  writeFileSync(join(ARTEFACTS, 'board-perf.json'), JSON.stringify(report, null, 2));
  console.log(`board render per update (ms): median ${report.update_render_ms.median.toFixed(2)}, p95 ${report.update_render_ms.p95.toFixed(2)}, max ${report.update_render_ms.max.toFixed(2)}; seeding: ${bulk.renders} renders, max ${bulk.maxMs.toFixed(2)} ms`);
  await board.waitForTimeout(1500); // let the arrival animation settle before the picture
  await screenshot(board, 'board-1920x1080-large');
  await ctx.close();
  await boardCtx.close();
});
