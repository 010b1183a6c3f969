// Pencegahan dan kerawanan di peramban, terhadap server asli:
// - pakta: NIP yang tidak terdaftar → galat di samping medan NIP; teks bebas → tersimpan,
//   tampil di daftar (teks berbahaya sebagai teks); cakupan per kecamatan tampil;
// - kegiatan: surat edaran tanpa nomor → galat di samping medan nomor; lalu tersimpan;
// - kerawanan: peta kecamatan diwarnai menurut kategori, klik kecamatan → rincian tiap
//   indikator yang kontribusinya berjumlah skor; tabel peringkat; unduhan XLSX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, masuk, laporLewatApi, pilihWilayah } from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('pakta dan kegiatan: galat medan dari server, daftar, cakupan', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  const u = unik();
  await masuk(page);
  await page.goto('/pencegahan.html');
  await page.waitForSelector('body[data-siap="1"]');
  assert.equal(await page.getAttribute('#nav-staf a[data-hal="pencegahan"]', 'aria-current'), 'page');
  assert.ok(await page.locator('#nav-staf a[href="/kerawanan.html"]').count() === 1, 'menu memuat kerawanan');

  // Cakupan per kecamatan (wilayah pengguna 35.76).
  await page.locator('#baris-cakupan tr[data-kode="35.76.01"]').waitFor();
  assert.match(await page.textContent('#baris-cakupan tr[data-kode="35.76.01"]'), /Prajuritkulon/);

  // Pakta dengan NIP yang tidak ada di daftar pegawai.
  const tempat = `Pendopo ${XSS} Prajuritkulon ${u}`;
  await page.fill('#pakta-tempat', tempat);
  await pilihWilayah(page, 'pakta-wilayah-pilih', '35.76', '35.76.01', false);
  await page.fill('#ttd-0-nip', '199001012015031001');
  await page.click('#simpan-pakta');
  await page.waitForFunction(() => document.querySelector('#ttd-0-nip-galat')?.textContent.length > 0);
  assert.match(await page.textContent('#ttd-0-nip-galat'), /tidak ada di daftar pegawai/);
  assert.equal(await page.getAttribute('#ttd-0-nip', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ttd-0-nip');

  // Perbaiki: teks bebas, dua penandatangan.
  await page.fill('#ttd-0-nip', '');
  await page.fill('#ttd-0-nama', 'Camat Prajuritkulon');
  await page.fill('#ttd-0-jabatan', 'Camat');
  await page.click('#tambah-ttd');
  await page.locator('#penandatangan li').nth(1).locator('input[data-ttd="nama"]').fill('Lurah Surodinawan');
  await page.click('#simpan-pakta');
  await page.waitForSelector('#pakta-status[data-jenis="sukses"]');
  assert.match(await page.textContent('#pakta-status'), /2 penandatangan/);
  assert.equal(await page.textContent('#ttd-0-nip-galat'), '');
  const barisPakta = page.locator('#baris-pakta tr', { hasText: u });
  await barisPakta.waitFor();
  assert.ok((await barisPakta.textContent()).includes(tempat), 'tempat tampil apa adanya');
  assert.equal(await page.locator('#baris-pakta img').count(), 0);

  // Kegiatan: surat edaran wajib bernomor.
  await page.selectOption('#kegiatan-jenis', 'surat_edaran');
  assert.equal(await page.isVisible('#kegiatan-nomor'), true);
  await page.fill('#kegiatan-judul', `Surat edaran netralitas ASN ${u}`);
  await pilihWilayah(page, 'kegiatan-wilayah-pilih', '35.76', '35.76.02', false);
  await page.fill('#kegiatan-peserta', '120');
  await page.click('#simpan-kegiatan');
  await page.waitForFunction(() => document.querySelector('#kegiatan-nomor-galat')?.textContent.length > 0);
  assert.equal(await page.getAttribute('#kegiatan-nomor', 'aria-invalid'), 'true');
  await page.fill('#kegiatan-nomor', '800/123/417.101/2024');
  await page.click('#simpan-kegiatan');
  await page.waitForSelector('#kegiatan-status[data-jenis="sukses"]');
  const barisKeg = page.locator('#baris-kegiatan tr', { hasText: u });
  await barisKeg.waitFor();
  const tk = await barisKeg.textContent();
  assert.match(tk, /Surat edaran/);
  assert.match(tk, /800\/123\/417\.101\/2024/);
  assert.match(tk, /120/);

  // Tanggal di masa depan ditolak server, pesan di samping medan tanggal.
  await page.selectOption('#kegiatan-jenis', 'sosialisasi');
  await page.fill('#kegiatan-judul', `Sosialisasi ${u}`);
  await page.evaluate(() => { const el = document.querySelector('#kegiatan-tanggal'); el.removeAttribute('max'); el.value = '2099-01-01'; });
  await page.click('#simpan-kegiatan');
  await page.waitForFunction(() => document.querySelector('#kegiatan-tanggal-galat')?.textContent.length > 0);
  assert.match(await page.textContent('#kegiatan-tanggal-galat'), /masa depan/);

  await page.waitForTimeout(200);
  assert.equal(dialog, false);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('kerawanan: peta berwarna, rincian yang menjelaskan skor, peringkat, XLSX', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  // Dua kasus dengan terlapor yang sama di 35.76.01 → indikator "terlapor berulang" membedakan kecamatan.
  await laporLewatApi(ctx.request, `Kepala desa mengarahkan warga memilih paslon ${unik()}`);
  await laporLewatApi(ctx.request, `Kepala desa membagikan atribut paslon ${unik()}`);
  await masuk(page);
  await page.goto('/kerawanan.html?tingkat=kecamatan&wilayah=35.76');
  await page.waitForSelector('#pilih[data-siap="1"]');
  assert.equal(await page.getAttribute('#nav-staf a[data-hal="kerawanan"]', 'aria-current'), 'page');

  const data = await page.evaluate(async () => (await fetch('/api/v1/kerawanan?tingkat=kecamatan&wilayah=35.76')).json());
  assert.equal(data.unit.length, 3);
  // Peta: setiap kecamatan Kota Mojokerto diwarnai menurut kategorinya.
  for (const u of data.unit) {
    const p = page.locator(`#peta path[data-kode="${u.kode}"]`);
    assert.equal(await p.getAttribute('class'), 'krw-' + u.kategori, `warna ${u.nama}`);
    assert.match(await p.getAttribute('aria-label'), new RegExp(u.nama));
  }
  assert.ok(data.unit.some((u) => u.kategori === 'tinggi'), 'ada kecamatan berkategori tinggi');
  assert.equal(await page.locator('#legenda li').count(), 4);
  assert.equal(await page.locator('#tabel-peta tbody tr').count(), 3, 'tabel pengganti peta');

  // Klik kecamatan di peta → rincian.
  await page.click('#peta path[data-kode="35.76.01"]');
  await page.waitForSelector('#rincian-isi:not([hidden])');
  assert.match(await page.textContent('#rincian-nama'), /Prajuritkulon/);
  const u1 = data.unit.find((x) => x.kode === '35.76.01');
  const fmt = (n) => n.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.equal(await page.textContent('#rincian-skor'), fmt(u1.skor));
  assert.equal(await page.locator('#tabel-rincian tbody tr').count(), data.indikator.length);
  const berulang = page.locator('#tabel-rincian tr[data-indikator="pelanggar_berulang"]');
  assert.match(await berulang.textContent(), /Terlapor berulang/);
  const sel = await berulang.locator('td').allTextContents();
  const r = u1.rincian.find((x) => x.kode === 'pelanggar_berulang');
  assert.ok(r.nilai >= 1);
  assert.deepEqual(sel.map((t) => t.trim()), [fmt(r.nilai), fmt(r.normal), String(r.bobot), fmt(r.kontribusi)]);
  // Setiap skor menjelaskan dirinya: jumlah kontribusi = skor (selisih pembulatan ≤ 0,05).
  const jumlah = u1.rincian.reduce((s, x) => s + x.kontribusi, 0);
  assert.ok(Math.abs(jumlah - u1.skor) <= 0.05);
  assert.equal(await page.textContent('#rincian-jumlah'), fmt(jumlah));

  // Peringkat: urut skor, tombol membuka rincian unit lain.
  const kodeBaris = await page.locator('#baris tr').evaluateAll((tr) => tr.map((x) => x.dataset.kode));
  assert.deepEqual(kodeBaris, data.unit.map((x) => x.kode));
  await page.locator('#baris tr[data-kode="35.76.03"] button').click();
  await page.waitForFunction(() => /Kranggan/.test(document.querySelector('#rincian-nama')?.textContent));

  // Unduhan XLSX dengan tingkat dan wilayah yang sama.
  const href = await page.getAttribute('#unduh-xlsx', 'href');
  assert.equal(href, '/api/v1/kerawanan.xlsx?tingkat=kecamatan&wilayah=35.76');
  const res = await ctx.request.get(href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /spreadsheetml/);
  const badan = await res.body();
  assert.equal(badan.subarray(0, 2).toString(), 'PK');

  // Tingkat desa: tanpa peta, tabel peringkat tetap ada.
  await page.selectOption('#f-tingkat', 'desa');
  await page.click('#pilih button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#peta-kartu').hidden && document.querySelectorAll('#baris tr').length > 3);
  assert.match(page.url(), /tingkat=desa/);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
