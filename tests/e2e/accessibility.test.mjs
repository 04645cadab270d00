// Accessibility of every page, checked by axe-core (npm `axe-core`, injected from
// node_modules, no network) against WCAG 2.1 A and AA: no « serious » or « critical »
// violation on the home page, the tablet (before and after joining, with a card and its
// matches), the board, the console, the follow-up, the replay, the report and the
// administration page, in French and at a laptop and a phone size. The violations found are
// written to build/artefacts/axe-<page>.json whatever the outcome.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverAndBrowser, joinTablet, postCard, ARTEFACTS } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = createRequire(join(root, 'client/web/package.json')).resolve('axe-core/axe.min.js');

const env = serverAndBrowser({ before, after });

// Runs axe on the page as it is; returns the serious and critical violations, one line each.
async function audit(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })) }));
  });
  writeFileSync(join(ARTEFACTS, `axe-${name}.json`), JSON.stringify(result, null, 2));
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`);
}

async function pageAt(width, height) {
  const ctx = await env.browser.newContext({ viewport: { width, height }, hasTouch: true, locale: 'fr-FR', bypassCSP: true });  // axe is injected inline
  const page = await ctx.newPage();
  page.on('dialog', (d) => d.dismiss());
  return { ctx, page };
}

test('the audit reports what it should (a missing alt, low contrast)', { timeout: 60_000 }, async () => {
  const { ctx, page } = await pageAt(800, 600);
  await page.setContent('<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main><h1>Essai</h1>' +
    '<img src="/favicon.svg"><p style="color:#bbb;background:#fff">texte trop pâle</p></main></body></html>');
  const found = await audit(page, 'self-check');
  await ctx.close();
  assert.ok(found.some((f) => f.includes('image-alt')), found.join('\n'));
  assert.ok(found.some((f) => f.includes('color-contrast')), found.join('\n'));
});

test('no serious accessibility violation on any page', { timeout: 240_000 }, async () => {
  const found = [];

  const home = await pageAt(1366, 768);
  await home.page.goto(`${env.server.url}/`);
  await home.page.waitForLoadState('load');
  found.push(...await audit(home.page, 'home'));
  await home.ctx.close();

  // Two tablets at phone size: a card each so that the matches list is drawn.
  const a = await pageAt(390, 844);
  await a.page.goto(`${env.server.url}/tablet.html`);
  await a.page.waitForSelector('#code', { timeout: 10_000 });
  found.push(...await audit(a.page, 'tablet-code'));
  await joinTablet(a.page, env.server.url, 'Menuiserie');
  const b = await pageAt(820, 1180);
  await joinTablet(b.page, env.server.url, 'Ressourcerie');
  await postCard(a.page, { kind: 'offer', category: 'dechet', text: 'Palettes bois, 200/mois' });
  await postCard(b.page, { kind: 'need', category: 'dechet', text: 'Cherche palettes bois' });
  await a.page.waitForSelector('.toast.show', { timeout: 10_000 }).catch(() => undefined);
  await a.page.waitForTimeout(500);
  found.push(...await audit(a.page, 'tablet-phone'));
  found.push(...await audit(b.page, 'tablet-ipad'));

  const token = env.server.token;
  const facilitator = await pageAt(1366, 768);
  const pages = [
    ['console', `/console.html#token=${token}&code=DEMO42`, '.status[data-status=online]'],
    ['board', '/board.html#code=DEMO42', '#board-title'],
    ['followup', `/followup.html#token=${token}`, '#app *'],
    ['replay', `/replay.html#token=${token}`, '#app *'],
    ['report', `/report.html#token=${token}`, '#app *'],
  ];
  for (const [name, path, ready] of pages) {
    await facilitator.page.goto(`${env.server.url}${path}`);
    await facilitator.page.waitForSelector(ready, { timeout: 10_000 });
    await facilitator.page.waitForTimeout(700);  // the first batch of events drawn
    found.push(...await audit(facilitator.page, name));
  }

  const link = /\/admin\.html#admin=([0-9a-f]{64})/.exec(env.server.output());
  assert.ok(link, 'the administrator link is printed at start');
  await facilitator.page.goto(`${env.server.url}${link[0]}`);
  await facilitator.page.waitForSelector('#create', { timeout: 10_000 });
  found.push(...await audit(facilitator.page, 'admin'));

  await Promise.all([a.ctx.close(), b.ctx.close(), facilitator.ctx.close()]);
  assert.deepEqual(found, [], found.join('\n'));
});
