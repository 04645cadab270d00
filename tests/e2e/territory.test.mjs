// A need posted in a new workshop meets an offer posted in an earlier
// workshop of the same territory, and the tablet says where it comes from.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, joinTablet, postCard, screenshot } from './support.mjs';

const CLI = process.env.ATELIER_CLI_BIN;
let server;
let browser;
before(async () => {
  // The demo workshop ("Rennes Métropole") is the earlier one; it has an
  // offer of broken wooden pallets.
  server = await startServer();
  await server.stop();
  const db = join(server.dir, 'atelier.db');
  execFileSync(CLI, ['create-workshop', '--db', db, '--title', 'Atelier ZA Sud',
    '--date', '2027-03-18', '--territory', 'Rennes Métropole', '--code', 'SUD777']);
  const csv = join(server.dir, 'entreprises.csv');
  writeFileSync(csv, '\ufeffid;nom;zone\r\nbrasserie-blosne;Brasserie du Blosne;ZA Sud\r\n');
  execFileSync(CLI, ['import-companies', '--db', db, '--code', 'SUD777', '--file', csv]);
  server = await startServer({ dir: server.dir });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

test('a need meets an offer of an earlier workshop of the territory', { timeout: 90_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const tablet = await ctx.newPage();
  await joinTablet(tablet, server.url, 'Brasserie du Blosne', 'SUD777');
  await postCard(tablet, { kind: 'need', category: 'dechet', text: 'On cherche des palettes en bois, même abîmées' });
  const earlier = tablet.locator('.match .match-card-earlier').first();
  await earlier.waitFor({ timeout: 15_000 });
  const label = await earlier.innerText();
  assert.match(label, /Atelier précédent : /);
  assert.match(label, /Palettes bois cassées/);
  assert.match(label, /Logistique/i);
  await earlier.scrollIntoViewIfNeeded();
  await screenshot(tablet, 'tablet-earlier-workshop-match');
  await ctx.close();
});
