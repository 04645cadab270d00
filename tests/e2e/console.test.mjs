// The facilitator console in a real browser: CSV import (good and bad files),
// tables, rounds, three tablets posting, the board following, synergies
// validated and rejected. Screenshots of the console and the board.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, joinTablet, postCard, screenshot, ARTEFACTS } from './support.mjs';

const env = serverAndBrowser({ before, after });

const BOM = '\ufeff';
const ZONES = ['ZA de la Janais', 'Parc des Bretonnières'];

function goodCsv() {
  const lines = ['nom;siret;naf;zone;adresse;lat;lon;effectif;ess;contact;table'];
  for (let i = 1; i <= 20; i++) {
    const siret = String(40000000000000 + i * 7);
    const name = i === 3 ? '"Transports Le Gall; fils"' : `Entreprise Import ${String(i).padStart(2, '0')}`;
    lines.push([name, siret, '25.11Z', ZONES[i % 2], `"${i} rue de l'Usine"`, `48,${1000 + i}`, `-1,${6000 + i}`,
      String(5 + i), i % 5 === 0 ? 'oui' : 'non', `contact${i}@exemple.fr`, String(((i - 1) % 4) + 1)].join(';'));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

async function consolePage() {
  const ctx = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(`${env.server.url}/console.html#token=${env.server.token}`);
  await page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  await page.waitForFunction(() => /\(\d+\)/.test(document.querySelector('#company-count')?.textContent ?? ''), null, { timeout: 10_000 });
  return { ctx, page };
}

async function companyCount(page) {
  return Number(/\((\d+)\)/.exec(await page.locator('#company-count').innerText())[1]);
}

async function counter(board, id) {
  return Number(await board.locator(`[data-counter="${id}"] strong`).innerText());
}

test('a bad CSV shows per-line errors and imports nothing', { timeout: 60_000 }, async () => {
  const { ctx, page } = await consolePage();
  const before = await companyCount(page);
  const bad = BOM + [
    'nom;siret;table',
    'Alpha;11111111111111;1',
    ';22222222222222;2', // line 3: no name
    'Gamma;11111111111111;3', // line 4: duplicate SIRET of line 2
    'Delta;33333333333333;2',
  ].join('\r\n');
  const file = join(env.server.dir, 'bad.csv');
  writeFileSync(file, bad);
  await page.setInputFiles('#csv-file', file);
  await page.locator('#import-errors li').first().waitFor({ timeout: 5_000 });
  const lines = await page.locator('#import-errors li').evaluateAll((els) => els.map((e) => [Number(e.dataset.line), e.dataset.field]));
  assert.deepEqual(lines, [[3, 'name'], [4, 'siret']]);
  assert.match(await page.locator('#import-errors').innerText(), /Ligne 4.*déjà ligne 2/s);
  assert.match(await page.locator('#import-source').innerText(), /UTF-8 avec BOM, séparateur « ; », fins de ligne CRLF/);
  assert.equal(await page.locator('#import-go').isDisabled(), true);
  assert.equal(await page.locator('#import-preview tr.bad').count(), 2);

  // A ',' file whose decimal commas shift the columns: the line says why.
  const comma = join(env.server.dir, 'comma.csv');
  writeFileSync(comma, 'nom,lat,lon\r\nAlpha,48,1,-1,6\r\n');
  await page.setInputFiles('#csv-file', comma);
  await page.locator('#import-errors li', { hasText: '5 colonnes au lieu de 3' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('#import-go').isDisabled(), true);

  // A Windows-1252 file as older Excel saves it: accents kept, encoding said, unknown
  // columns listed.
  const ansi = join(env.server.dir, 'ansi.csv');
  writeFileSync(ansi, Buffer.from('Raison sociale;Zone d\'activit\xe9s;Code client\r\nSoci\xe9t\xe9 G\xe9n\xe9rale;ZA \xc9toile;C1\r\n', 'latin1'));
  await page.setInputFiles('#csv-file', ansi);
  await page.locator('#import-source', { hasText: 'Windows-1252' }).waitFor({ timeout: 5_000 });
  assert.match(await page.locator('#import-preview').innerText(), /Société Générale\s+.*ZA Étoile/s);
  assert.match(await page.locator('#import-unknown').innerText(), /« Code client »/);

  // The server checks again when the facilitator confirms: a SIRET taken by another tab in
  // the meantime makes that line a duplicate, nothing is imported until a choice is made.
  const race = join(env.server.dir, 'race.csv');
  writeFileSync(race, BOM + 'nom;siret\r\nUn;55555555555555\r\nDeux;66666666666666\r\n');
  await page.setInputFiles('#csv-file', race);
  await page.locator('#import-go:not([disabled])').waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('#import-dups').isHidden(), true);
  await page.evaluate(() => {
    // Another facilitator tab took the SIRET of line 3 a moment ago.
    const send = window.atelierConsole?.send;
    if (send) send({ case: 'upsertCompany', value: { company: { name: 'Déjà là', siret: '66666666666666' } } });
  });
  await page.waitForFunction((n) => /\((\d+)\)/.exec(document.querySelector('#company-count').textContent)[1] === String(n), before + 1, { timeout: 5_000 });
  await page.click('#import-go');
  await page.locator('#import-preview tr.dup[data-line="3"]').waitFor({ timeout: 5_000 });
  assert.match(await page.locator('#import-result').innerText(), /rien n’a été importé.*déjà dans l'atelier/s);
  assert.equal(await companyCount(page), before + 1); // only the other tab's company
  // « ignorer »: line 2 is imported, line 3 left as the other tab wrote it.
  await page.check('input[name=doublons][value=ignorer]');
  await page.click('#import-go');
  await page.locator('#import-result', { hasText: '1 entreprise' }).waitFor({ timeout: 5_000 });
  await page.waitForFunction((n) => /\((\d+)\)/.exec(document.querySelector('#company-count').textContent)[1] === String(n), before + 2, { timeout: 5_000 });
  assert.equal(await companyCount(page), before + 2);

  // English on request, French by default.
  assert.equal(await page.locator('#ws-save').innerText(), 'Enregistrer');
  await page.click('header .lang');
  await page.locator('#ws-save', { hasText: 'Save' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('#round-start').innerText(), 'Start a round');
  await ctx.close();
});

test('console runs the workshop while tablets post and the board follows', { timeout: 120_000 }, async () => {
  const { ctx, page } = await consolePage();
  const boardCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const board = await boardCtx.newPage();
  await board.goto(`${env.server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });

  // The join code and a server-drawn QR that decodes to nothing secret.
  await page.locator('#console-join-code', { hasText: 'DEMO42' }).waitFor({ timeout: 5_000 });
  const qr = await page.locator('#join-qr').getAttribute('src');
  assert.match(qr, /^\/qr\.svg\?text=/);
  assert.ok(!qr.includes(env.server.token));
  assert.ok(decodeURIComponent(qr).includes('#code=DEMO42'));
  await page.waitForFunction(() => document.querySelector('#join-qr').naturalWidth > 0, null, { timeout: 5_000 });

  // Workshop: title and 4 tables.
  await page.fill('#ws-title', 'Atelier Écoparc test');
  await page.fill('#ws-tables', '4');
  await page.click('#ws-save');
  await board.locator('#board-title', { hasText: 'Atelier Écoparc test' }).waitFor({ timeout: 5_000 });

  // Import 20 companies.
  const before = await companyCount(page);
  const file = join(env.server.dir, 'entreprises.csv');
  writeFileSync(file, goodCsv());
  await page.setInputFiles('#csv-file', file);
  await page.waitForFunction(() => document.querySelectorAll('#import-preview tbody tr').length === 20, null, { timeout: 5_000 });
  assert.equal(await page.locator('#import-errors li').count(), 0);
  await page.click('#import-go');
  await page.locator('#import-result', { hasText: '20 entreprise' }).waitFor({ timeout: 10_000 });
  // The acknowledgement can overtake the rendering of the last upserts: wait for the list, bounded.
  await page.waitForFunction((n) => document.querySelector('#company-count')?.textContent.includes(`(${n})`), before + 20, { timeout: 5_000 });
  assert.equal(await companyCount(page), before + 20);
  await board.waitForFunction((n) => document.querySelector('[data-counter="companies"] strong')?.textContent === String(n), before + 20, { timeout: 5_000 });
  // The graph is redrawn on the next frame after the counters: wait for it, bounded.
  await board.waitForFunction((n) => document.querySelectorAll('#graph .graph-node').length === n, before + 20, { timeout: 5_000 });
  const imported = page.locator('#companies tr', { hasText: 'Transports Le Gall; fils' });
  assert.equal(await imported.locator('select').inputValue(), '3');

  // Move one company to table 2.
  await page.locator('#companies tr', { hasText: 'Entreprise Import 01' }).locator('select').selectOption('2');
  await page.waitForFunction(() => [...document.querySelectorAll('#companies tr')].find((r) => r.textContent.includes('Entreprise Import 01'))?.querySelector('select')?.value === '2', null, { timeout: 5_000 });

  // Start a 10-minute round: the board's timer runs.
  await page.fill('#round-minutes', '10');
  await page.click('#round-start');
  await board.locator('#timer', { hasText: /Tour \d+ · (9:5\d|10:00)/ }).waitFor({ timeout: 5_000 });

  // Three tablets post cards.
  const cardsBefore = await counter(board, 'cards');
  const tablets = [];
  const names = ['Entreprise Import 01', 'Entreprise Import 02', 'Entreprise Import 05'];
  for (const name of names) {
    const tctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const tab = await tctx.newPage();
    await joinTablet(tab, env.server.url, name);
    tablets.push({ tctx, tab });
  }
  const texts = [];
  for (const [i, { tab }] of tablets.entries()) {
    const text = `Chutes d'acier ${i} ${Date.now()}`;
    texts.push(text);
    await postCard(tab, { kind: i === 1 ? 'need' : 'offer', category: 'matiere', text });
  }
  for (const text of texts) await board.locator('.column .card', { hasText: text }).waitFor({ timeout: 10_000 });
  // Entreprise Import 01 sits at table 2 now; its card is in that column.
  await board.locator('.column[data-table="2"] .card', { hasText: texts[0] }).waitFor({ timeout: 5_000 });
  assert.equal(await counter(board, 'cards'), cardsBefore + 3);

  // Pause freezes the tablets; resume lets them post again.
  await page.click('#pause');
  await page.locator('#paused-flag').waitFor({ timeout: 5_000 });
  await board.locator('#banner', { hasText: 'Pause' }).waitFor({ timeout: 5_000 });
  await page.click('#pause');
  await page.locator('#paused-flag').waitFor({ state: 'detached', timeout: 5_000 });

  // A synergy by hand (no matcher here), as an idea; then validated.
  const synBefore = await counter(board, 'synergies');
  const subBefore = await counter(board, `kind-1`);
  await page.selectOption('#syn-kind', '1');
  await page.selectOption('#syn-status', '1');
  await page.fill('#syn-title', 'Chutes d’acier vers la fonderie');
  await page.locator('#syn-companies label', { hasText: 'Entreprise Import 01' }).locator('input').check();
  await page.locator('#syn-companies label', { hasText: 'Entreprise Import 02' }).locator('input').check();
  await page.click('#syn-create');
  const syn = page.locator('#console-synergies .synergy', { hasText: 'Chutes d’acier vers la fonderie' });
  await syn.waitFor({ timeout: 5_000 });
  assert.equal(await syn.getAttribute('data-status'), '1');
  await board.waitForFunction((n) => document.querySelector('[data-counter="synergies"] strong')?.textContent === String(n), synBefore + 1, { timeout: 5_000 });
  assert.equal(await counter(board, 'kind-1'), subBefore + 1);
  assert.ok(await board.locator('#graph .link-synergy').count() >= 1);
  await syn.locator('[data-action=validate]').click();
  await page.locator('#console-synergies .synergy[data-status="2"]', { hasText: 'Chutes d’acier vers la fonderie' }).waitFor({ timeout: 5_000 });

  // A second one, rejected with a reason: the board stops counting it.
  await page.selectOption('#syn-kind', '3');
  await page.fill('#syn-title', 'Tri par la ressourcerie');
  await page.locator('#syn-companies label', { hasText: 'Entreprise Import 05' }).locator('input').check();
  await page.locator('#syn-companies label', { hasText: 'Entreprise Import 02' }).locator('input').check();
  await page.click('#syn-create');
  const second = page.locator('#console-synergies .synergy', { hasText: 'Tri par la ressourcerie' });
  await second.waitFor({ timeout: 5_000 });
  await board.waitForFunction((n) => document.querySelector('[data-counter="synergies"] strong')?.textContent === String(n), synBefore + 2, { timeout: 5_000 });
  // « Rejeter » asks first (in the page), with the protocol's reasons: « réglementaire » was
  // refused when the console sent labels.
  await second.locator('[data-action=reject]').click();
  const rejectDlg = page.locator('#reject-dialog');
  await rejectDlg.waitFor({ timeout: 5_000 });
  await rejectDlg.locator('[data-action=cancel]').click();
  await rejectDlg.waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await page.locator('#console-synergies .synergy[data-status="5"]', { hasText: 'Tri par la ressourcerie' }).count(), 0);
  await second.locator('[data-action=reject]').click();
  await rejectDlg.locator('select').selectOption({ label: 'Réglementaire' });
  await rejectDlg.locator('[data-action=confirm]').click();
  await page.locator('#console-synergies .synergy[data-status="5"]', { hasText: 'Tri par la ressourcerie' }).waitFor({ timeout: 5_000 });
  assert.match(await page.locator('#console-synergies .synergy[data-status="5"]', { hasText: 'Tri par la ressourcerie' }).innerText(), /Réglementaire/);
  await board.waitForFunction((n) => document.querySelector('[data-counter="synergies"] strong')?.textContent === String(n), synBefore + 1, { timeout: 5_000 });

  // A synergy from two checked cards of two companies (an offer and a need).
  const exactText = (text) => page.locator('#console-cards .card')
    .filter({ has: page.locator('.card-text', { hasText: new RegExp(`^${text}$`) }) });
  await page.selectOption('#syn-kind', '1');
  await exactText(texts[0]).locator('input.pick').check();
  await exactText(texts[1]).locator('input.pick').check();
  await page.click('#syn-from-cards');
  const fromCards = page.locator('#console-synergies .synergy', { hasText: texts[0] });
  await fromCards.waitFor({ timeout: 5_000 });
  assert.match(await fromCards.innerText(), /Entreprise Import 01 ↔ Entreprise Import 02/);
  await board.waitForFunction((n) => document.querySelector('[data-counter="synergies"] strong')?.textContent === String(n), synBefore + 2, { timeout: 5_000 });

  // Merge a duplicate posted twice by one tablet.
  const dupText = `Palettes ${Date.now()}`;
  await postCard(tablets[0].tab, { kind: 'offer', category: 'dechet', text: dupText });
  await postCard(tablets[0].tab, { kind: 'offer', category: 'dechet', text: `${dupText} (bis)` });
  await page.locator('#console-cards .card', { hasText: `${dupText} (bis)` }).waitFor({ timeout: 5_000 });
  const exact = (text) => new RegExp(`^${text.replace(/[()]/g, '\\$&')}$`);
  for (const text of [`${dupText} (bis)`, dupText]) {
    await page.locator('#console-cards .card')
      .filter({ has: page.locator('.card-text', { hasText: exact(text) }) })
      .locator('input.pick').check();
  }
  await page.click('#merge-go');
  await page.locator('#merge-dialog [data-action=confirm]').click();
  await board.locator('.column .card', { hasText: `${dupText} (bis)` }).waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await board.locator('.column .card', { hasText: dupText }).count(), 1);

  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'console');
  await page.screenshot({ path: join(ARTEFACTS, 'console-full.png'), fullPage: true });
  await screenshot(board, 'board-console-run');
  // End the round and lock joins.
  await page.click('#round-end');
  await page.click('#lock-joins');
  await page.locator('#locked-flag').waitFor({ timeout: 5_000 });
  for (const { tctx } of tablets) await tctx.close();
  await boardCtx.close();
  await ctx.close();
});
