// Learning from the room in a real browser: the facilitator dismisses a suggestion from the
// console for a technical reason, and a like suggestion between other companies is lowered at
// once and says why; the dismissed one is kept as an abandoned synergy with its reason.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, joinTablet, postCard, screenshot } from './support.mjs';

const env = serverAndBrowser({ before, after });

const LEARNT = 'Une suggestion semblable jugée non pertinente dans cet atelier';

function matchBetween(page, a, b) {
  return page.locator('#console-matches article.match').filter({ hasText: a }).filter({ hasText: b });
}

async function percent(locator) {
  return Number(/(\d+) %/.exec(await locator.locator('.score').innerText())[1]);
}

test('a dismissed suggestion lowers like ones and says so', { timeout: 90_000 }, async () => {
  const tabletCtx = await env.browser.newContext({ viewport: { width: 820, height: 1180 } });
  const tablet = await tabletCtx.newPage();
  await joinTablet(tablet, env.server.url, 'ESAT Les Ateliers');
  await postCard(tablet, { kind: 'need', category: 'matiere', text: 'Chutes de bois pour nos ateliers' });

  const ctx = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(`${env.server.url}/console.html#token=${env.server.token}`);
  await page.waitForSelector('.status[data-status=online]', { timeout: 10_000 });
  const dismissed = matchBetween(page, 'Menuiserie Ferrand', 'Ressourcerie La Trame');
  const like = matchBetween(page, 'Menuiserie Ferrand', 'ESAT Les Ateliers');
  await dismissed.waitFor({ timeout: 10_000 });
  await like.waitFor({ timeout: 10_000 });
  assert.equal(await like.locator('.reasons li', { hasText: LEARNT }).count(), 0);
  const before = await percent(like);

  // Cancel first: nothing is sent.
  await dismissed.locator('[data-action=dismiss-match]').click();
  const dlg = page.locator('#dismiss-dialog');
  await dlg.waitFor({ timeout: 5_000 });
  await dlg.locator('[data-action=cancel]').click();
  await dlg.waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await page.locator('#console-synergies article.synergy').count(), 0);

  await dismissed.locator('[data-action=dismiss-match]').click();
  await dlg.locator('select').selectOption({ label: 'Technique' });
  await dlg.locator('[data-action=confirm]').click();
  await like.locator('.reasons li', { hasText: LEARNT }).waitFor({ timeout: 10_000 });
  assert.ok(await percent(like) < before, 'the like suggestion ranks lower');
  const kept = page.locator('#console-synergies article.synergy[data-status="5"]');
  await kept.waitFor({ timeout: 5_000 });
  assert.match(await kept.innerText(), /Technique/);
  await screenshot(page, 'learning-console');
  await ctx.close();
  await tabletCtx.close();
});
