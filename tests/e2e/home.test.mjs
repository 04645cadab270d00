// The home page and the replay switch to English with the client's one
// dictionary, and back; the choice is kept on the device.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, screenshot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test('home page and replay in French, then English', { timeout: 60_000 }, async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 720 }]) {
    const ctx = await env.browser.newContext({ viewport, locale: 'fr-FR' });
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/`);
    await page.locator('h1', { hasText: 'Atelier' }).waitFor({ timeout: 5_000 });
    assert.match(await page.locator('main').innerText(), /Ateliers d’affaires d’écologie industrielle/);
    await page.fill('#home-code', 'DEMO42');
    await page.click('button.lang');
    await page.locator('main', { hasText: 'Industrial and territorial ecology business workshops.' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.inputValue('#home-code'), 'DEMO42', 'what was typed stays');
    assert.match(await page.locator('button[type=submit]').innerText(), /Join/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await screenshot(page, `home-en-${viewport.width}x${viewport.height}`);
    // The replay opens in the language chosen.
    await page.goto(`${env.server.url}/replay.html#token=${env.server.token}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
    assert.match(await page.locator('#board-title').innerText(), /replay$/);
    assert.match(await page.locator('[data-counter="companies"] span').innerText(), /^compan(y|ies)$/);
    await page.click('.board-bar .lang');
    assert.match(await page.locator('#board-title').innerText(), /relecture$/);
    assert.match(await page.locator('[data-counter="cards"] span').innerText(), /^cartes?$/);
    await ctx.close();
  }
});
