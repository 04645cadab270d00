// A tablet posts a card; the projected board shows it — in a real browser.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, joinTablet, postCard, screenshot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test('a card posted on a tablet appears on the board', { timeout: 60_000 }, async () => {
  const boardCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const board = await boardCtx.newPage();
  await board.goto(`${env.server.url}/board.html#code=DEMO42`);
  await board.waitForSelector('.column .card', { timeout: 10_000 });
  const before = await board.locator('.card').count();

  const tabletCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const tablet = await tabletCtx.newPage();
  await joinTablet(tablet, env.server.url, 'Menuiserie Ferrand');
  const text = `Sciure de hêtre ${Date.now()}`;
  await postCard(tablet, { kind: 'offer', category: 'dechet', text });

  const onBoard = board.locator('.column .card', { hasText: text });
  await onBoard.waitFor({ timeout: 10_000 });
  assert.equal(await board.locator('.card').count(), before + 1);
  assert.match(await onBoard.innerText(), /Menuiserie Ferrand/);
  // The tablet lists it among its own cards too.
  await tablet.locator('#mine .card', { hasText: text }).waitFor({ timeout: 10_000 });
  await screenshot(board, 'board-1920x1080');
  await screenshot(tablet, 'tablet-landscape');
  await boardCtx.close();
  await tabletCtx.close();
});
