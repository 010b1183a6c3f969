// Petugas masuk → menjalankan transisi → status publik di halaman lacak ikut berubah.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, masuk, laporLewatApi } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('transisi oleh petugas tampak di pelacakan publik', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const kode = await laporLewatApi(ctx.request, `Kepala desa memakai mobil dinas untuk kampanye ${unik()}`);

  // Publik: tahap awal.
  await page.goto('/lacak.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#hasil:not([hidden])');
  const tahapAwal = await page.getAttribute('#hasil-tahap', 'data-tahap');

  // Halaman petugas tanpa sesi mengarah ke login.
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForURL(/\/masuk\.html\?lanjut=/);
  await masuk(page);
  // Kasus ada di meja.
  await page.waitForSelector(`#baris tr[data-kode="${kode}"]`);
  await page.click(`#baris a[href*="${encodeURIComponent(kode)}"]`);
  await page.waitForSelector('#kasus:not([hidden])');
  assert.match(await page.textContent('#pelapor'), /disegel/);

  // Hanya transisi yang sah yang tampil; pilih yang pertama (mis. kajian awal).
  const tombol = page.locator('#transisi button[data-ke]');
  assert.ok(await tombol.count() >= 1, 'ada transisi yang tersedia');
  const ke = await tombol.first().getAttribute('data-ke');
  await tombol.first().click();
  const form = page.locator('form.transisi');
  await form.waitFor();
  // Isi medan wajib apa pun yang diminta server.
  for (const sel of await form.locator('select').all()) await sel.selectOption({ index: 1 });
  for (const inp of await form.locator('input:not([type="checkbox"]):not([type="search"]), textarea').all()) {
    const type = await inp.getAttribute('type');
    await inp.fill(type === 'date' ? '2024-11-20' : 'Diisi oleh uji peramban');
  }
  const cek = form.locator('input[type="checkbox"]');
  if (await cek.count()) await cek.first().check();
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction((k) => document.querySelector('#status-kasus')?.dataset.status === k, ke);
  assert.equal(await page.locator('#riwayat li').count() >= 2, true, 'linimasa bertambah');

  // Publik melihat tahap baru.
  const pub = await (await konteks(browser)).newPage();
  await pub.goto('/lacak.html?kode=' + encodeURIComponent(kode));
  await pub.waitForSelector('#hasil:not([hidden])');
  const tahapBaru = await pub.getAttribute('#hasil-tahap', 'data-tahap');
  assert.equal(tahapBaru, ke);
  assert.notEqual(tahapBaru, tahapAwal);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('login salah menampilkan pesan server', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await page.goto('/masuk.html');
  await page.fill('#username', 'uji_bawaslu');
  await page.fill('#password', 'salah-sekali');
  await page.click('#tombol-masuk');
  await page.waitForSelector('#masuk-galat:not([hidden])');
  assert.ok((await page.textContent('#masuk-galat')).trim().length > 0);
  assert.match(page.url(), /masuk\.html/);
  await ctx.close();
});
