// Draf luring: kirim saat offline → "Menunggu koneksi…" → online → terkirim tepat sekali.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, isiLaporan, unik, masuk, jumlahKasus } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('laporan yang dikirim tanpa koneksi terkirim tepat sekali saat koneksi kembali', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  const tanda = 'luring-' + unik();
  await isiLaporan(page, { uraian: `Kepala desa hadir di kampanye dan mengajak warga ${tanda}` });

  // Draf tersimpan saat mengetik.
  await page.waitForFunction(() => (localStorage.getItem('netral.draf') || '').includes('kampanye'));

  await ctx.setOffline(true);
  await page.click('#lanjut');
  await page.waitForSelector('#menunggu:not([hidden])');
  assert.match(await page.textContent('#menunggu'), /Menunggu koneksi/);
  const antre = await page.evaluate(() => JSON.parse(localStorage.getItem('netral.antrian')));
  assert.equal(antre.length, 1, 'laporan masuk antrean');

  await ctx.setOffline(false);
  await page.waitForURL(/\/hasil\.html\?kode=/, { timeout: 15000 });
  const kode = (await page.textContent('#kode')).trim();
  assert.ok(kode.length > 5);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('netral.antrian') || '[]').length), 0, 'antrean kosong');

  // Muat ulang beberapa halaman: tidak ada pengiriman ulang.
  let kiriman = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/laporan')) kiriman++; });
  await page.reload();
  await page.goto('/lapor.html');
  await page.waitForSelector('form[data-siap="1"]');
  await page.goto('/');
  await page.waitForTimeout(500);
  assert.equal(kiriman, 0, 'tidak ada POST laporan setelah terkirim');

  // Di sisi petugas hanya ada satu kasus dengan teks unik ini.
  const staf = await (await konteks(browser)).newPage();
  await masuk(staf);
  assert.equal(await jumlahKasus(staf, tanda), 1);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('antrean dengan client_id yang sama tidak menggandakan laporan', async () => {
  // Simulasi: jawaban 201 hilang di jalan lalu peramban mengirim ulang dengan client_id yang sama.
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await page.goto('/');
  const tanda = 'ganda-' + unik();
  const hasil = await page.evaluate(async (t) => {
    const body = {
      rezim: 'pemilu', anonim: true,
      terlapor: { nama: 'Camat Uji', nip: '', kategori: 'asn', instansi: 'Kecamatan', jabatan: 'Camat', wilayah: '35.76' },
      peristiwa: { tanggal_kejadian: '2024-11-20', tanggal_diketahui: '2024-11-20', wilayah: '35.76.01', lokasi: 'Kantor', uraian: 'Camat membagikan stiker calon kepada pegawai ' + t },
      saksi: [], client_id: crypto.randomUUID(),
    };
    const kirim = () => fetch('/api/v1/laporan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (r) => ({ st: r.status, kode: (await r.json()).kode }));
    const a = await kirim();
    const b = await kirim();
    return { a, b };
  }, tanda);
  assert.equal(hasil.a.st, 201);
  assert.equal(hasil.b.st, 200, 'kiriman ulang dijawab 200');
  assert.equal(hasil.b.kode, hasil.a.kode, 'kode sama');
  const staf = await (await konteks(browser)).newPage();
  await masuk(staf);
  assert.equal(await jumlahKasus(staf, tanda), 1);
  await ctx.close();
});
