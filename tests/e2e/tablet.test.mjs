// The participant tablet in a real browser against a real server: matching and
// reacting, a hand-made synergy, offline posting delivered once, sessions that
// survive a reload, user text that stays text, and screenshots of each screen.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverAndBrowser, joinTablet, postCard, screenshot } from './support.mjs';
import { facilitatorCommand } from './tablet_support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The matching engine lives in server/match/ and is wired into live workshops
// by server/app/matchers.cpp; while that still hands out the NullMatcher the
// demo produces no matches and the match test has nothing to look at.
const matchers = join(root, 'server/app/matchers.cpp');
const engine = existsSync(join(root, 'server/match/engine.cpp')) &&
  !(existsSync(matchers) && /make_unique<workshop::NullMatcher>/.test(readFileSync(matchers, 'utf8')));

const env = serverAndBrowser({ before, after });

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
const PHONE = { width: 390, height: 844 };

async function tablet(viewport = LANDSCAPE) {
  const ctx = await env.browser.newContext({ viewport, hasTouch: true, locale: 'fr-FR' });
  const page = await ctx.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { ctx, page, dialogs, errors };
}

// Narrow layouts show one tab at a time.
async function openTab(page, name) {
  const tab = page.locator(`.tab[data-tab=${name}]`);
  if (await tab.isVisible()) await tab.click();
}

async function companyId(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('atelier.tablet')).companyId);
}

test('two companies post complementary cards, see the match with its reasons, both say "intéressé", and both get the synergy',
  { timeout: 90_000, skip: engine ? false : 'the matching engine is not wired into live workshops in this tree yet' }, async () => {
    const a = await tablet(LANDSCAPE);
    const b = await tablet(PORTRAIT);
    await joinTablet(a.page, env.server.url, 'Transports Guillou');
    await joinTablet(b.page, env.server.url, 'Serres du Pays de Rennes');
    const stamp = Date.now() % 100000;
    await postCard(a.page, { kind: 'offer', category: 'dechet', text: `Palettes bois cassées, 200/mois (lot ${stamp})` });
    await postCard(b.page, { kind: 'need', category: 'dechet', text: `Recherche palettes bois (lot ${stamp})` });

    const matchOn = (page, partner) => page.locator('#matches .match', { hasText: partner }).filter({ hasText: String(stamp) }).first();
    await openTab(b.page, 'matches');
    const ma = matchOn(a.page, 'Serres du Pays de Rennes');
    const mb = matchOn(b.page, 'Transports Guillou');
    await ma.waitFor({ timeout: 15_000 });
    await mb.waitFor({ timeout: 15_000 });
    assert.ok(await ma.locator('.reasons li').count() > 0, 'the match says why');
    assert.match(await ma.locator('.score').innerText(), /\d+ %/);
    await screenshot(a.page, 'tablet-match-landscape');

    await ma.locator('[data-react=interested]').click();
    await b.page.locator('#matches .match', { hasText: 'Transports Guillou' }).filter({ hasText: 'est intéressé' }).first().waitFor({ timeout: 10_000 });
    await mb.locator('[data-react=interested]').click();
    for (const t of [a, b]) {
      await t.page.locator('.synergy-alert').waitFor({ timeout: 10_000 });
      await t.page.locator('#synergies .synergy').first().waitFor({ state: 'attached', timeout: 10_000 });
    }
    assert.match(await a.page.locator('.synergy-alert').innerText(), /Serres du Pays de Rennes/);
    assert.match(await b.page.locator('.synergy-alert').innerText(), /Transports Guillou/);
    // Both said « Intéressé »: each tablet shows how to reach the other, and only the other.
    assert.match(await a.page.locator('.synergy-alert').innerText(), /contact@serres-du-pays\.example/);
    assert.match(await b.page.locator('#synergies .synergy').first().innerText(), /contact@transports-guillou\.example/);
    const received = await b.page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(received, /contact@(?!transports-guillou|serres-du-pays)[a-z-]+\.example/, 'no other company\'s contact');
    await screenshot(b.page, 'tablet-synergy-portrait');
    for (const t of [a, b]) {
      assert.deepEqual(t.dialogs, []);
      assert.deepEqual(t.errors, []);
      await t.ctx.close();
    }
  });

test('a synergy the facilitator records by hand appears prominently on both tablets', { timeout: 60_000 }, async () => {
  const a = await tablet(LANDSCAPE);
  const b = await tablet(PHONE);
  await joinTablet(a.page, env.server.url, 'Imprimerie Rennaise');
  await joinTablet(b.page, env.server.url, 'Plasturgie de l\'Ouest');
  const ida = await companyId(a.page);
  const idb = await companyId(b.page);
  const title = `Achat groupé de cartons ${Date.now()}`;
  const answer = await facilitatorCommand(a.page, env.server.token, {
    setSynergy: { companyIds: [ida, idb], title, kind: 2 },
  });
  assert.equal(answer, 'ack');
  for (const [t, partner] of [[a, 'Plasturgie de l\'Ouest'], [b, 'Imprimerie Rennaise']]) {
    const alert = t.page.locator('.synergy-alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), new RegExp(partner.replace(/'/g, '.')));
    assert.match(await alert.innerText(), /Achat groupé de cartons/);
  }
  await screenshot(b.page, 'tablet-synergy-alert-phone');
  // "Voir" leads to the synergy among the matches.
  await b.page.locator('.synergy-alert .primary').click();
  const card = b.page.locator('#synergies .synergy', { hasText: title });
  await card.waitFor({ timeout: 5_000 });
  assert.match(await card.innerText(), /Imprimerie Rennaise/);
  assert.match(await card.innerText(), /Mutualisation/);
  await screenshot(b.page, 'tablet-matches-phone');
  for (const t of [a, b]) {
    assert.deepEqual(t.dialogs, []);
    assert.deepEqual(t.errors, []);
    await t.ctx.close();
  }
});

test('offline: a card posted without network waits on the tablet, is delivered exactly once, and the tablet catches up', { timeout: 90_000 }, async () => {
  const a = await tablet(LANDSCAPE);
  const b = await tablet(LANDSCAPE);
  await joinTablet(a.page, env.server.url, 'Menuiserie Ferrand');
  await joinTablet(b.page, env.server.url, 'Logistique Armor');
  const board = await (await env.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await board.goto(`${env.server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });

  await a.ctx.setOffline(true);
  await a.page.waitForSelector('.status[data-status=offline]', { timeout: 10_000 });
  const mine = `Sciure de chêne hors ligne ${Date.now()}`;
  await postCard(a.page, { kind: 'offer', category: 'matiere', text: mine });
  const pending = a.page.locator('#mine .card.pending', { hasText: mine });
  await pending.waitFor({ timeout: 5_000 });
  assert.match(await pending.innerText(), /En attente d’envoi/);
  assert.equal(await a.page.locator('.status').getAttribute('data-pending'), '1');
  await screenshot(a.page, 'tablet-offline-landscape');

  // Meanwhile another company at the same table posts.
  const theirs = `Big bags propres ${Date.now()}`;
  await postCard(b.page, { kind: 'offer', category: 'dechet', text: theirs });
  await b.page.locator('#mine .card:not(.pending)', { hasText: theirs }).waitFor({ timeout: 10_000 });
  await a.page.waitForTimeout(1500);
  assert.equal(await a.page.locator('#table .card', { hasText: theirs }).count(), 0, 'nothing arrives while offline');

  await a.ctx.setOffline(false);
  await a.page.waitForSelector('.status[data-status=online][data-pending="0"]', { timeout: 15_000 });
  await a.page.locator('#mine .card:not(.pending)', { hasText: mine }).waitFor({ timeout: 10_000 });
  await a.page.locator('#table .card', { hasText: theirs }).waitFor({ timeout: 10_000 });
  await b.page.locator('#table .card', { hasText: mine }).waitFor({ timeout: 10_000 });
  await board.locator('.card', { hasText: mine }).first().waitFor({ timeout: 10_000 });
  // Let any duplicate arrive before counting.
  await b.page.waitForTimeout(1500);
  assert.equal(await b.page.locator('#table .card', { hasText: mine }).count(), 1);
  assert.equal(await board.locator('.card', { hasText: mine }).count(), 1);
  assert.equal(await a.page.locator('#mine .card', { hasText: mine }).count(), 1);
  assert.deepEqual(a.errors, []);
  await a.ctx.close();
  await b.ctx.close();
  await board.context().close();
});

test('a reload keeps the session, and a queue left offline is sent once when the tablet comes back', { timeout: 90_000 }, async () => {
  const a = await tablet(PORTRAIT);
  const b = await tablet(LANDSCAPE);
  await joinTablet(a.page, env.server.url, 'Conserverie Saint-Jacques');
  await joinTablet(b.page, env.server.url, 'Ressourcerie La Trame');
  await a.page.reload();
  await a.page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  assert.equal(await a.page.locator('#code').count(), 0, 'no join screen after a reload');
  assert.match(await a.page.locator('#company-name').innerText(), /Conserverie Saint-Jacques/);

  // Offline, post, and close the page before the network comes back: the
  // command waits in the device's storage.
  await a.ctx.setOffline(true);
  await a.page.waitForSelector('.status[data-status=offline]', { timeout: 10_000 });
  const text = `Bocaux en verre consignés ${Date.now()}`;
  await postCard(a.page, { kind: 'offer', category: 'matiere', text });
  await a.page.locator('#mine .card.pending', { hasText: text }).waitFor({ timeout: 5_000 });
  await a.page.close();
  await a.ctx.setOffline(false);
  const again = await a.ctx.newPage();
  again.on('dialog', (d) => { a.dialogs.push(d.message()); void d.dismiss(); });
  await again.goto(`${env.server.url}/tablet.html`);
  await again.waitForSelector('#main', { timeout: 10_000 });
  assert.equal(await again.locator('#code').count(), 0);
  await again.waitForSelector('.status[data-status=online][data-pending="0"]', { timeout: 15_000 });
  await again.locator('#mine .card:not(.pending)', { hasText: text }).waitFor({ timeout: 10_000 });
  await openTab(b.page, 'table');
  await b.page.locator('.seg-btn', { hasText: 'Toute la salle' }).click();
  await b.page.locator('#table .card', { hasText: text }).waitFor({ timeout: 10_000 });
  await b.page.waitForTimeout(1000);
  assert.equal(await b.page.locator('#table .card', { hasText: text }).count(), 1);
  assert.equal(await again.locator('#mine .card', { hasText: text }).count(), 1);
  await a.ctx.close();
  await b.ctx.close();
});

test('a queued card the server refuses stays on the tablet with its words, and goes once retried', { timeout: 90_000 }, async (t) => {
  const a = await tablet(LANDSCAPE);
  await joinTablet(a.page, env.server.url, 'Logistique Armor');
  await a.ctx.setOffline(true);
  await a.page.waitForSelector('.status[data-status=offline]', { timeout: 10_000 });
  const text = `Gerbeur électrique à prêter ${Date.now()}`;
  await postCard(a.page, { kind: 'offer', category: 'equipement', text });
  await a.page.locator('#mine .card.pending', { hasText: text }).waitFor({ timeout: 5_000 });
  // The facilitator freezes the room while the tablet is away.
  const helper = await (await env.browser.newContext()).newPage();
  await helper.goto(`${env.server.url}/tablet.html`);
  assert.equal(await facilitatorCommand(helper, env.server.token, { paused: true }), 'ack');
  // Whatever happens below, the room is not left paused for the other tests.
  t.after(() => facilitatorCommand(helper, env.server.token, { paused: false }).catch(() => {}));
  await a.ctx.setOffline(false);
  const refusedCard = a.page.locator('#mine .card.refused', { hasText: text });
  await refusedCard.waitFor({ timeout: 15_000 });
  assert.match(await refusedCard.innerText(), /pause/);
  await a.page.locator('#banner:not([hidden])').waitFor({ timeout: 5_000 });
  assert.equal(await a.page.locator('#card-post[disabled]').count(), 1, 'posting waits for the facilitator');
  await screenshot(a.page, 'tablet-refused-landscape');
  // A reload keeps the refused card too.
  await a.page.reload();
  await a.page.locator('#mine .card.refused', { hasText: text }).waitFor({ timeout: 10_000 });
  assert.equal(await facilitatorCommand(helper, env.server.token, { paused: false }), 'ack');
  await a.page.locator('#banner[hidden]').waitFor({ state: 'attached', timeout: 10_000 });
  await a.page.locator('#mine .card.refused', { hasText: text }).locator('button', { hasText: 'Réessayer' }).click();
  await a.page.locator('#mine .card:not(.pending):not(.refused)', { hasText: text }).waitFor({ timeout: 10_000 });
  await a.page.waitForTimeout(1000);
  assert.equal(await a.page.locator('#mine .card', { hasText: text }).count(), 1);
  assert.deepEqual(a.errors, []);
  await helper.context().close();
  await a.ctx.close();
});

test('a QR link carries the code in the fragment, which leaves the address bar', { timeout: 30_000 }, async () => {
  const a = await tablet(PHONE);
  await a.page.goto(`${env.server.url}/tablet.html#code=demo42`);
  await a.page.getByRole('listitem').filter({ hasText: 'Traiteur Le Gourmet' }).waitFor({ timeout: 10_000 });
  assert.equal(new URL(a.page.url()).hash, '');
  await screenshot(a.page, 'tablet-companies-phone');
  // The list is searchable, accents and case ignored.
  await a.page.fill('#company-filter', 'mecanique');
  assert.equal(await a.page.getByRole('listitem').count(), 1);
  await a.page.getByRole('listitem').first().click();
  await a.page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  assert.match(await a.page.locator('#company-name').innerText(), /Mécanique de Précision Bretonne/);
  await a.ctx.close();
});

test('a code typed without network is looked up by itself when the network comes back', { timeout: 30_000 }, async () => {
  const a = await tablet(PORTRAIT);
  await a.page.goto(`${env.server.url}/tablet.html`);
  await a.ctx.setOffline(true);
  await a.page.fill('#code', 'DEMO42');
  await a.page.click('#code-next');
  await a.page.locator('#join-error', { hasText: 'Pas de réseau' }).waitFor({ timeout: 5_000 });
  await a.ctx.setOffline(false);
  await a.page.getByRole('listitem').filter({ hasText: 'Menuiserie Ferrand' }).waitFor({ timeout: 10_000 });
  // A wrong code says so, in French.
  await a.page.goto(`${env.server.url}/tablet.html`);
  await a.page.fill('#code', 'NOPE99');
  await a.page.click('#code-next');
  await a.page.locator('#join-error', { hasText: 'Code inconnu' }).waitFor({ timeout: 5_000 });
  assert.deepEqual(a.errors, []);
  await a.ctx.close();
});

test('user text stays text: markup in cards never runs', { timeout: 60_000 }, async () => {
  const a = await tablet(LANDSCAPE);
  const b = await tablet(LANDSCAPE);
  await joinTablet(a.page, env.server.url, 'Boulangerie Industrielle du Parc');
  await joinTablet(b.page, env.server.url, 'Logistique Armor');
  const payloads = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>'];
  for (const p of payloads) await postCard(a.page, { kind: 'need', category: 'service', text: p });
  for (const p of payloads) {
    await a.page.locator('#mine .card:not(.pending) .card-text', { hasText: p }).waitFor({ timeout: 10_000 });
    await b.page.locator('#table .card-text', { hasText: p }).waitFor({ timeout: 10_000 });
  }
  // The suggestions render what is typed as text as well.
  await a.page.fill('#card-text', '<img src=x onerror=alert(4)>');
  await a.page.waitForTimeout(500);
  for (const t of [a, b]) {
    const injected = await t.page.evaluate(() => ({
      img: document.querySelectorAll('img[src=x]').length,
      svg: document.querySelectorAll('#app svg[onload], #app [onerror], #app [onload]').length,
      script: document.querySelectorAll('#app script').length,
    }));
    assert.deepEqual(injected, { img: 0, svg: 0, script: 0 });
    assert.deepEqual(t.dialogs, []);
    assert.deepEqual(t.errors, []);
  }
  await a.ctx.close();
  await b.ctx.close();
});

test('posting in seconds: suggestions complete the text, details are checked, cards are edited and withdrawn after a confirmation', { timeout: 60_000 }, async () => {
  const a = await tablet(LANDSCAPE);
  await joinTablet(a.page, env.server.url, 'Transports Guillou');
  await a.page.click('.seg-btn[data-kind=offer]');
  await a.page.click('.cat[data-category=equipement]');
  // A category alone proposes its common phrases.
  await a.page.locator('#suggest .chip', { hasText: 'chariot élévateur' }).waitFor({ timeout: 5_000 });
  await a.page.fill('#card-text', 'hayon');
  await a.page.fill('#card-text', 'transpal');
  await a.page.locator('#suggest .chip', { hasText: 'transpalette' }).first().click();
  assert.match(await a.page.inputValue('#card-text'), /^transpalette/);
  await screenshot(a.page, 'tablet-post-landscape');

  // A bad waste code is caught on the tablet, before anything is sent.
  await a.page.click('.more summary');
  await a.page.fill('#card-waste', '15 01');
  await a.page.click('#card-post');
  await a.page.locator('#waste-error', { hasText: 'six chiffres' }).waitFor({ timeout: 5_000 });
  assert.equal(await a.page.locator('#mine .card', { hasText: 'transpalette' }).count(), 0);
  await a.page.fill('#card-waste', '16 01 17');
  await a.page.fill('#card-qty', '2');
  await a.page.fill('#card-unit', 'pièces');
  await a.page.selectOption('#card-freq', 'mois');
  await a.page.click('.month:has(input[value="1"])');
  await a.page.click('.month:has(input[value="2"])');
  await a.page.click('#card-post');
  const card = a.page.locator('#mine .card:not(.pending)', { hasText: 'transpalette' });
  await card.waitFor({ timeout: 10_000 });
  const shown = await card.innerText();
  assert.match(shown, /16 01 17/);
  assert.match(shown, /2 pièces/);
  assert.match(shown, /janv\., févr\./);

  // Edit: the form takes the card, the list shows the new words.
  await card.locator('[data-action=edit]').click();
  assert.match(await a.page.inputValue('#card-text'), /^transpalette/);
  await a.page.fill('#card-text', 'Transpalette électrique à prêter');
  await a.page.click('#card-post');
  const edited = a.page.locator('#mine .card:not(.pending)', { hasText: 'Transpalette électrique à prêter' });
  await edited.waitFor({ timeout: 10_000 });

  // Withdraw asks first; "annuler" keeps the card.
  await edited.locator('[data-action=withdraw]').click();
  await a.page.locator('.dialog').waitFor({ timeout: 5_000 });
  await screenshot(a.page, 'tablet-withdraw-confirm-landscape');
  await a.page.locator('.dialog button', { hasText: 'Annuler' }).click();
  assert.equal(await edited.count(), 1);
  await edited.locator('[data-action=withdraw]').click();
  await a.page.locator('.dialog [data-confirm=yes]').click();
  await edited.waitFor({ state: 'detached', timeout: 10_000 });
  assert.deepEqual(a.dialogs, []);
  assert.deepEqual(a.errors, []);
  await a.ctx.close();
});

test('screens in portrait, landscape and on a phone, in French and English', { timeout: 90_000 }, async () => {
  for (const [name, viewport] of [['landscape', LANDSCAPE], ['portrait', PORTRAIT], ['phone', PHONE]]) {
    const t = await tablet(viewport);
    await t.page.goto(`${env.server.url}/tablet.html`);
    await t.page.waitForSelector('#code');
    await screenshot(t.page, `tablet-join-${name}`);
    await joinTablet(t.page, env.server.url, 'Menuiserie Ferrand');
    await t.page.click('.cat[data-category=dechet]');
    await t.page.fill('#card-text', 'pal');
    await t.page.locator('#suggest .chip').first().waitFor({ timeout: 5_000 });
    await screenshot(t.page, `tablet-main-${name}`);
    // The post button is on screen without scrolling, keyboard or not.
    const box = await t.page.locator('#card-post').boundingBox();
    assert.ok(box && box.y + box.height <= viewport.height, `post button visible in ${name}`);
    // With the on-screen keyboard open the viewport shrinks
    // (interactive-widget=resizes-content): the field and the button stay in sight.
    const keyboard = { width: viewport.width, height: Math.round(viewport.height * 0.55) };
    await t.page.focus('#card-text');
    await t.page.setViewportSize(keyboard);
    await t.page.waitForTimeout(300);
    const field = await t.page.locator('#card-text').boundingBox();
    const button = await t.page.locator('#card-post').boundingBox();
    assert.ok(button && button.y >= 0 && button.y + button.height <= keyboard.height, `post button above the keyboard in ${name}`);
    assert.ok(field && field.y >= 0 && field.y + field.height <= button.y + 12, `text field above the post button in ${name}: ${JSON.stringify([field, button])}`);
    await screenshot(t.page, `tablet-keyboard-${name}`);
    await t.page.setViewportSize(viewport);
    await openTab(t.page, 'table');
    await t.page.locator('#table .card').first().waitFor({ timeout: 5_000 });
    await screenshot(t.page, `tablet-table-${name}`);
    await t.page.click('.lang');
    await t.page.locator('#h-table', { hasText: /table/i }).waitFor({ timeout: 5_000 });
    assert.equal(await t.page.locator('.tab[data-tab=post], #h-post').first().innerText().then((s) => /Post|New card/.test(s)), true);
    await screenshot(t.page, `tablet-table-${name}-en`);
    await t.page.click('.lang');
    assert.deepEqual(t.errors, []);
    await t.ctx.close();
  }
});
