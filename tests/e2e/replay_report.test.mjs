// After the workshop, in a real browser: the replay page rebuilds the board
// the room saw, the follow-up page moves a synergy on and searches the
// territory's catalogue, and the report renders its charts (and prints to PDF).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, joinTablet, postCard, screenshot, ARTEFACTS } from './support.mjs';

const env = serverAndBrowser({ before, after });

// The figures both the live board and the replay show, whatever else each shows:
// companies, cards (offers + needs), matches, synergies.
async function counters(page) {
  const all = await page.$$eval('[data-counter]', (els) => Object.fromEntries(els.map((e) => [e.dataset.counter, Number(e.querySelector('strong').textContent)])));
  return {
    companies: all.companies,
    cards: all.cards ?? (all.offers ?? 0) + (all.needs ?? 0),
    matches: all.matches,
    synergies: all.synergies,
  };
}

// Sends SetSynergy commands over a raw WebSocket with the facilitator token,
// encoding the few protobuf fields by hand (the test has no generated code).
async function setSynergies(page, token, synergies) {
  return page.evaluate(async ({ token, synergies }) => {
    const enc = new TextEncoder();
    const varint = (n) => { const out = []; while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); } out.push(n); return out; };
    const bytes = (field, b) => [...varint((field << 3) | 2), ...varint(b.length), ...b];
    const str = (field, s) => bytes(field, [...enc.encode(s)]);
    const num = (field, n) => [...varint(field << 3), ...varint(n)];
    const dbl = (field, x) => { const b = new Uint8Array(8); new DataView(b.buffer).setFloat64(0, x, true); return [...varint((field << 3) | 1), ...b]; };
    const ws = new WebSocket(`ws://${location.host}/ws`);
    ws.binaryType = 'arraybuffer';
    const frames = [];
    ws.onmessage = (m) => frames.push(new Uint8Array(m.data));
    await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
    ws.send(new Uint8Array([...str(1, 'join-1'), ...bytes(10, str(2, token))]));
    const wait = async (n) => { const end = Date.now() + 5000; while (frames.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20)); };
    await wait(1);
    let expected = 1;
    for (const [i, s] of synergies.entries()) {
      const syn = [
        ...(s.id ? str(1, s.id) : []), ...(s.kind ? num(2, s.kind) : []),
        ...(s.cards ?? []).flatMap((c) => str(3, c)), ...(s.status ? num(5, s.status) : []),
        ...(s.title ? str(7, s.title) : []), ...(s.tonnes ? dbl(14, s.tonnes) : []),
        ...(s.co2e ? dbl(16, s.co2e) : []), ...(s.basis ? str(24, s.basis) : []),
      ];
      ws.send(new Uint8Array([...str(1, `cmd-${i}`), ...bytes(21, bytes(1, syn))]));
      expected += 2; // its event, then its ack
      await wait(expected);
    }
    ws.close();
    return frames.length;
  }, { token, synergies });
}

test('replay, follow-up and report of a workshop', { timeout: 120_000 }, async () => {
  const boardCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const board = await boardCtx.newPage();
  await board.goto(`${env.server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });

  const tabletCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const tablet = await tabletCtx.newPage();
  await joinTablet(tablet, env.server.url, 'Menuiserie Ferrand');
  for (const text of ['Sciure de hêtre, 2 t/mois', 'Besoin : chariot élévateur le lundi']) {
    await postCard(tablet, { kind: text.startsWith('Besoin') ? 'need' : 'offer', category: text.startsWith('Besoin') ? 'equipement' : 'dechet', text });
    await board.locator('.column .card', { hasText: text }).waitFor({ timeout: 10_000 });
  }
  // Two synergies from the demo's cards (c17 broken pallets → c23 reconditioning;
  // c15 wood offcuts → c31 offcuts for reuse workshops).
  await setSynergies(board, env.server.token, [
    { kind: 1, cards: ['c17', 'c23'], title: 'Palettes cassées → reconditionnement' },
    { kind: 3, cards: ['c15', 'c31'], title: 'Chutes de bois vers le réemploi' },
  ]);
  await board.waitForFunction(() => Number(document.querySelector('[data-counter=synergies] strong')?.textContent) === 2, null, { timeout: 10_000 });
  const live = await counters(board);

  // Replay: at the end, the board the room saw; at 0, nothing; playing ×60 gets back to the end.
  const replayCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const replay = await replayCtx.newPage();
  await replay.goto(`${env.server.url}/replay.html#token=${env.server.token}`);
  await replay.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
  assert.doesNotMatch(replay.url(), /token=/, 'the token leaves the address bar');
  assert.deepEqual(await counters(replay), live);
  assert.equal(await replay.locator('.column .card').count(), await board.locator('.column .card').count());
  await screenshot(replay, 'replay-end-1920x1080');
  const total = Number(await replay.getAttribute('#scrub', 'max'));
  assert.ok(total > 40, `events: ${total}`);
  await replay.locator('#scrub').fill('0');
  assert.deepEqual(await counters(replay), { companies: 0, cards: 0, matches: 0, synergies: 0 });
  // Just before the two synergies: the same room without them.
  await replay.locator('#scrub').fill(String(total - 2));
  assert.deepEqual(await counters(replay), { ...live, synergies: 0 });
  await screenshot(replay, 'replay-before-synergies');
  await replay.locator('#scrub').fill('30');
  assert.equal(await replay.textContent('#replay-seq'), `30 / ${total}`);
  await replay.selectOption('#speed', '60');
  await replay.click('#play');
  await replay.waitForFunction((n) => document.querySelector('#replay-seq')?.textContent === `${n} / ${n}`, total, { timeout: 30_000 });
  assert.deepEqual(await counters(replay), live);

  // Follow-up: move the first synergy on, with impact and a note; search the catalogue.
  const followCtx = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const follow = await followCtx.newPage();
  await follow.goto(`${env.server.url}/followup.html#token=${env.server.token}`);
  await follow.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
  const first = follow.locator('.synergy', { hasText: 'Palettes cassées' });
  await first.locator('.edit-synergy').click();
  const dlg = follow.locator('#synergy-dialog');
  await dlg.locator('select[name=status]').selectOption('3');
  await dlg.locator('input[name=owner]').fill('Claire (CCI)');
  await dlg.locator('input[name=next_action]').fill('Visite du site');
  await dlg.locator('input[name=estimated_tonnes]').fill('24');
  await dlg.locator('input[name=estimated_co2e]').fill('6.2');
  await dlg.locator('textarea[name=impact_basis]').fill('2 t/mois × 12 ; 0,26 t CO2e/t (Base Carbone)');
  await dlg.locator('textarea[name=note]').fill('Appel avec Logistique Armor');
  await dlg.locator('button[type=submit]').click();
  const moved = follow.locator('.status-column[data-status="3"] .synergy', { hasText: 'Palettes cassées' });
  await moved.waitFor({ timeout: 10_000 });
  assert.match(await moved.innerText(), /Appel avec Logistique Armor/);
  assert.match(await moved.innerText(), /24 t/);
  await follow.selectOption('#filter-kind', '3');
  assert.equal(await follow.locator('.synergy').count(), 1);
  await follow.selectOption('#filter-kind', '');
  await follow.fill('#catalogue-q', 'palete');
  await follow.click('#catalogue-go');
  await follow.locator('#catalogue-results .card', { hasText: 'Palettes bois cassées' }).waitFor({ timeout: 10_000 });
  await screenshot(follow, 'followup-1600x1000');
  // The territory's programme report, written by the server, downloaded.
  const [programme] = await Promise.all([
    follow.waitForEvent('download', { timeout: 10_000 }),
    follow.click('#programme-report'),
  ]);
  const programmeHtml = readFileSync(await programme.path(), 'utf8');
  assert.match(programmeHtml, /Programme — Rennes Métropole/);
  assert.match(programmeHtml, /<strong>1<\/strong>atelier tenu</);
  assert.match(programmeHtml, /Visite du site/);

  // Report: key figures, three charts, the network; printed to PDF.
  const reportCtx = await env.browser.newContext({ viewport: { width: 1200, height: 1600 } });
  const report = await reportCtx.newPage();
  await report.goto(`${env.server.url}/report.html#token=${env.server.token}`);
  await report.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
  const fig = async (id) => (await report.textContent(`[data-figure=${id}] strong`)).trim();
  assert.equal(await fig('identified'), '2');
  assert.equal(await fig('in_progress'), '1');
  assert.equal(await fig('workshops'), '1');
  assert.equal(await report.locator('svg.chart').count(), 3);
  assert.ok(await report.locator('svg.chart rect').count() >= 8);
  assert.equal(await report.locator('svg.network circle').count(), 12);
  assert.match(await report.textContent('[data-impact=tonnes]'), /24/);
  // The page shows the server's report, the one the export and the CLI give: issued today.
  assert.match(await report.textContent('[data-issued]'), /^Bilan établi le \d{1,2} [a-zéû]+ \d{4}$/);
  assert.equal(await report.locator('#chart-domain svg.chart').count(), 1);
  await report.screenshot({ path: join(ARTEFACTS, 'report-full.png'), fullPage: true });
  await report.emulateMedia({ media: 'print' });
  await report.pdf({ path: join(ARTEFACTS, 'report.pdf'), format: 'A4', printBackground: true });
  for (const ctx of [boardCtx, tabletCtx, replayCtx, followCtx, reportCtx]) await ctx.close();
});
