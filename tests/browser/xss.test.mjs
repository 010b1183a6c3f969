// Teks berbahaya di uraian tampil sebagai teks, tidak dijalankan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, masuk, laporLewatApi, isiLaporan } from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('XSS di uraian tampil sebagai teks di halaman kasus', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  const uraian = `Unggahan ASN berisi ${XSS} dan ajakan memilih ${unik()}`;
  const kode = await laporLewatApi(ctx.request, uraian);
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#kasus:not([hidden])');
  const teks = await page.locator('#peristiwa dd.uraian').textContent();
  assert.ok(teks.includes(XSS), 'string tampil apa adanya');
  assert.equal(await page.locator('#peristiwa img').count(), 0, 'tidak ada elemen img dari data');
  await page.waitForTimeout(300);
  assert.equal(dialog, false, 'tidak ada dialog alert');
  // Meja kasus juga aman.
  await page.goto('/meja.html?q=' + encodeURIComponent('ajakan memilih'));
  await page.waitForSelector('#baris tr');
  assert.equal(await page.locator('#baris img').count(), 0);
  assert.equal(dialog, false);
  await ctx.close();
});

test('XSS di uraian tampil sebagai teks di langkah periksa formulir', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  await isiLaporan(page, { uraian: `Uraian dengan ${XSS} di dalamnya ${unik()}`, anonim: true });
  assert.ok((await page.textContent('#periksa')).includes(XSS));
  assert.equal(await page.locator('#periksa img').count(), 0);
  assert.equal(dialog, false);
  await ctx.close();
});
