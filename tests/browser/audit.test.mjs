// Log audit di peramban: bawaslu membuka menu "Log audit", melihat masuknya sendiri,
// menyaring, dan saringannya tinggal di URL; objek kode kasus menjadi tautan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, masuk, USER } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('bawaslu membaca dan menyaring log audit', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await masuk(page);
  await page.click('#nav-staf a[data-hal="audit"]');
  await page.waitForURL(/\/audit\.html/);
  await page.waitForSelector('#tabel:not([hidden])');
  const masukSendiri = page.locator('#baris tr[data-aksi="sesi.masuk"]', { hasText: USER });
  assert.ok(await masukSendiri.count() >= 1, 'masuknya sendiri tercatat');
  assert.match(await masukSendiri.first().textContent(), /Masuk/);

  await page.selectOption('#f-aksi', 'sesi.');
  await page.fill('#f-pelaku', USER);
  await page.click('#saringan button[type="submit"]');
  await page.waitForURL(/aksi=sesi\.&pelaku=/);
  // the URL changes before the filtered rows arrive: wait for the table to be redrawn (times out if never filtered)
  await page.waitForFunction(() => {
    const tr = [...document.querySelectorAll('#baris tr')];
    return tr.length > 0 && tr.every((t) => (t.dataset.aksi || '').startsWith('sesi.'));
  }).catch(() => {});
  const aksi = await page.$$eval('#baris tr', (tr) => [...new Set(tr.map((t) => t.dataset.aksi))]);
  assert.ok(aksi.length >= 1 && aksi.every((a) => a.startsWith('sesi.')), 'hanya masuk/keluar: ' + aksi);

  await page.fill('#f-pelaku', 'tidak_ada_orang_ini');
  await page.click('#saringan button[type="submit"]');
  await page.waitForSelector('#muat:has-text("Tidak ada entri")');
  assert.equal(await page.isVisible('#tabel'), false);

  await page.goto('/audit.html?aksi=kasus.');
  await page.waitForFunction(() => document.querySelector('#f-aksi').value === 'kasus.'
    && (!document.querySelector('#tabel').hidden || /Tidak ada entri/.test(document.querySelector('#muat').textContent)));
  const kasus = await page.$$eval('#baris tr', (tr) => tr.map((t) => t.dataset.aksi));
  assert.ok(kasus.every((a) => a.startsWith('kasus.')), 'saringan dari URL dipakai: ' + kasus);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
