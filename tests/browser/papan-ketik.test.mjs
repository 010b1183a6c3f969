// Formulir laporan diselesaikan hanya dengan papan ketik (Tab, ketik, panah, Spasi, Enter).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, kemarin } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

// Tekan Tab sampai elemen yang cocok dengan `sel` mendapat fokus.
async function tabKe(page, sel, maks = 60) {
  for (let i = 0; i < maks; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel)) return;
  }
  throw new Error('Tidak bisa mencapai ' + sel + ' dengan Tab');
}
const fokusTerlihat = (page) => page.evaluate(() => {
  const cs = getComputedStyle(document.activeElement);
  return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
});
async function tungguOpsi(page, id) {
  await page.waitForFunction((i) => { const s = document.getElementById(i); return s && !s.disabled && s.options.length > 1; }, id);
}
// Tanggal untuk input date dengan locale en-US: bulan, hari, tahun.
const ketikTanggal = async (page, iso) => { const [y, m, d] = iso.split('-'); await page.keyboard.type(m + d + y); };

test('formulir laporan dapat diselesaikan dengan papan ketik saja', async () => {
  const ctx = await konteks(browser, { locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto('/lapor.html');
  await page.waitForSelector('form[data-siap="1"]');
  const tanda = 'ketik-' + unik();

  // Langkah 1: pemilu (bawaan), dengan nama (bawaan), isi data pelapor.
  await tabKe(page, '#pelapor-nama');
  assert.ok(await fokusTerlihat(page), 'fokus terlihat');
  await page.keyboard.type('Ani Warga');
  await page.keyboard.press('Tab'); await page.keyboard.type('3576014101900003');
  await page.keyboard.press('Tab'); await page.keyboard.type('Jl. Gajah Mada 3');
  await page.keyboard.press('Tab'); await page.keyboard.type('081211112222');
  await page.keyboard.press('Enter'); // kirim formulir = lanjut

  // Langkah 2.
  await page.waitForSelector('[data-langkah="2"]:not([hidden])');
  await tabKe(page, '#terlapor-nama');
  await page.keyboard.type('Drs. H. Slamet');
  await page.keyboard.press('Tab'); await page.keyboard.press('ArrowDown'); // ASN
  assert.equal(await page.inputValue('#terlapor-kategori'), 'asn');
  await page.keyboard.press('Tab'); await page.keyboard.type('Kecamatan Prajuritkulon');
  await tungguOpsi(page, 'terlapor-wilayah-pilih-0');
  await tabKe(page, '#terlapor-wilayah-pilih-0');
  await page.keyboard.type('Kota Mojokerto');
  assert.equal(await page.inputValue('#terlapor-wilayah-pilih-0'), '35.76');
  await tabKe(page, '#lanjut');
  await page.keyboard.press('Enter');

  // Langkah 3.
  await page.waitForSelector('[data-langkah="3"]:not([hidden])');
  await tabKe(page, '#peristiwa-tanggal_kejadian');
  await ketikTanggal(page, kemarin());
  await tabKe(page, '#peristiwa-tanggal_diketahui');
  await ketikTanggal(page, kemarin());
  assert.equal(await page.inputValue('#peristiwa-tanggal_diketahui'), kemarin());
  await tabKe(page, '#peristiwa-wilayah-pilih-0');
  await page.keyboard.type('Kota Mojokerto');
  await tungguOpsi(page, 'peristiwa-wilayah-pilih-1');
  await page.keyboard.press('Tab'); await page.keyboard.press('ArrowDown');
  await tungguOpsi(page, 'peristiwa-wilayah-pilih-2');
  await page.keyboard.press('Tab'); await page.keyboard.press('ArrowDown');
  await tabKe(page, '#peristiwa-lokasi');
  await page.keyboard.type('Kantor kecamatan');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`Camat mengumpulkan pegawai dan mengajak memilih calon ${tanda}`);
  await tabKe(page, '#lanjut');
  await page.keyboard.press('Enter');

  // Langkah 4: tambah saksi lewat tombol.
  await page.waitForSelector('[data-langkah="4"]:not([hidden])');
  await tabKe(page, '#saksi-tambah');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Pak Warso');
  await tabKe(page, '#lanjut');
  await page.keyboard.press('Enter');

  // Langkah 5: pernyataan dengan Spasi, kirim dengan Enter.
  await page.waitForSelector('[data-langkah="5"]:not([hidden])');
  assert.ok((await page.textContent('#periksa')).includes('Pak Warso'));
  await tabKe(page, '#pernyataan');
  await page.keyboard.press('Space');
  await tabKe(page, '#lanjut');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/hasil\.html\?kode=/, { timeout: 15000 });
  assert.ok((await page.textContent('#kode')).trim().length > 5);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
