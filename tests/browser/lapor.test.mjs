// Laporan publik dengan bukti → halaman hasil menunjukkan kode → lacak menunjukkannya.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { luncurkan, konteks, isiLaporan, unik, PNG, ARTIFAK } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('laporan publik dengan bukti dapat dilacak', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  const tanda = 'bukti-' + unik();
  await isiLaporan(page, {
    uraian: `ASN memasang foto bersama calon dengan simbol jari di Facebook ${tanda}`,
    berkas: [{ name: 'foto.png', mimeType: 'image/png', buffer: PNG }],
  });
  await page.click('#lanjut');
  await page.waitForURL(/\/hasil\.html\?kode=/, { timeout: 15000 });
  const kode = (await page.textContent('#kode')).trim();
  assert.match(kode, /\S{6,}/);
  await page.screenshot({ path: path.join(ARTIFAK, 'hasil-375.png'), fullPage: true });
  assert.equal(new URL(page.url()).searchParams.get('bukti'), '1', 'satu berkas bukti terunggah');
  // Tanda terima tersimpan dan bisa diperiksa keasliannya.
  await page.click('#verifikasi');
  await page.waitForSelector('#verifikasi-hasil:not([hidden])');
  await page.waitForFunction(() => document.querySelector('#verifikasi-hasil').dataset.jenis !== 'info');
  assert.equal(await page.getAttribute('#verifikasi-hasil', 'data-jenis'), 'sukses', await page.textContent('#verifikasi-hasil'));
  // Lacak.
  await page.click('#lacak');
  await page.waitForSelector('#hasil:not([hidden])');
  assert.equal((await page.textContent('#hasil-kode')).trim(), kode);
  assert.ok((await page.textContent('#hasil-tahap')).trim().length > 0);
  assert.ok(await page.locator('#hasil-riwayat li').count() >= 1);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('galat validasi tampil di samping medannya dalam Bahasa Indonesia', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await page.goto('/lapor.html');
  await page.waitForSelector('form[data-siap="1"]');
  await page.fill('#pelapor-nik', '12345');
  await page.click('#lanjut');
  assert.match(await page.textContent('[id="galat-pelapor.nik"]'), /NIK harus 16 angka/);
  assert.match(await page.textContent('[id="galat-pelapor.nama"]'), /wajib diisi/);
  assert.equal(await page.getAttribute('#pelapor-nik', 'aria-invalid'), 'true');
  // Fokus berpindah ke medan pertama yang salah.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pelapor-nama');
  await ctx.close();
});
