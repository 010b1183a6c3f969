// Pencegahan dan kerawanan di peramban, terhadap server asli:
// - pakta: NIP yang tidak terdaftar → galat di samping medan NIP; teks bebas → tersimpan,
//   tampil di daftar (teks berbahaya sebagai teks); cakupan per kecamatan tampil;
// - kegiatan: surat edaran tanpa nomor → galat di samping medan nomor; lalu tersimpan;
// - kerawanan: peta kecamatan diwarnai menurut kategori, klik kecamatan → rincian tiap
//   indikator yang kontribusinya berjumlah skor; tabel peringkat; unduhan XLSX.
// - dokumen pakta (PDF) diunggah dari formulir: sidik SHA-256 tampil, daftar memberi tautan
//   unduh yang mengembalikan byte yang sama; lampiran kegiatan yang salah jenis ditolak di
//   samping medannya, lalu diunggah dari baris daftar;
// - penandatangan dipilih dari daftar pegawai (pencarian di formulir dan pegawai.html);
// - admin mengubah bobot indikator dan melihat skor berubah; bawaslu tidak melihat panel bobot
//   (dan server menolaknya), menandai lalu menghapus petahana.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { luncurkan, konteks, unik, masuk, laporLewatApi, pilihWilayah, PNG } from './lib.mjs';

// CLI Netral pada basis data yang sama dengan server uji (run.sh mengekspor NETRAL_DB dkk.).
const NETRAL = path.resolve(process.env.BUILD || 'build', 'netral');
function netral(args, input) {
  const r = spawnSync(NETRAL, args, { input, encoding: 'utf8' });
  return r;
}
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

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

const PDF = Buffer.from('%PDF-1.4\n% pakta integritas Prajuritkulon\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

test('dokumen pakta dan lampiran kegiatan: unggah, sidik SHA-256, tautan unduh', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const u = unik();
  await masuk(page);
  await page.goto('/pencegahan.html');
  await page.waitForSelector('body[data-siap="1"]');

  // Pakta dengan dokumen PDF: tersimpan, lalu dokumennya terunggah dan sidiknya tampil.
  await page.fill('#pakta-tempat', `Balai Kelurahan ${u}`);
  await pilihWilayah(page, 'pakta-wilayah-pilih', '35.76', '35.76.01', false);
  await page.fill('#ttd-0-nama', 'Lurah Prajuritkulon');
  await page.setInputFiles('#pakta-dokumen', { name: `ikrar-${u}.pdf`, mimeType: 'application/pdf', buffer: PDF });
  await page.click('#simpan-pakta');
  await page.waitForSelector('#pakta-berkas code[data-sha256]');
  assert.equal(await page.textContent('#pakta-berkas code'), sha256(PDF));
  assert.match(await page.textContent('#pakta-berkas'), /PDF terunggah/);
  assert.equal(await page.inputValue('#pakta-dokumen'), '', 'medan berkas dikosongkan');

  // Daftar: tautan unduh, awal sidik; unduhan = byte yang sama, sebagai lampiran PDF.
  const baris = page.locator('#baris-pakta tr', { hasText: u });
  await baris.locator('a[data-unduh="pakta"]').waitFor();
  assert.match(await baris.textContent(), new RegExp('SHA-256 ' + sha256(PDF).slice(0, 12)));
  const href = await baris.locator('a[data-unduh="pakta"]').getAttribute('href');
  assert.match(href, /^\/api\/v1\/pakta\/\d+\/dokumen$/);
  const [unduh] = await Promise.all([page.waitForEvent('download'), baris.locator('a[data-unduh="pakta"]').click()]);
  assert.equal(unduh.suggestedFilename(), `ikrar-${u}.pdf`);
  assert.equal(sha256(fs.readFileSync(await unduh.path())), sha256(PDF));
  const res = await ctx.request.get(href);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.match(res.headers()['content-disposition'], /^attachment;/);

  // Kegiatan dengan lampiran HTML berganti nama: kegiatan tersimpan, lampiran ditolak di samping medannya.
  await page.selectOption('#kegiatan-jenis', 'sosialisasi');
  await page.fill('#kegiatan-judul', `Sosialisasi netralitas ${u}`);
  await pilihWilayah(page, 'kegiatan-wilayah-pilih', '35.76', '35.76.01', false);
  await page.setInputFiles('#kegiatan-lampiran', { name: 'daftar-hadir.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('<html><body>bukan pdf</body></html>') });
  await page.click('#simpan-kegiatan');
  await page.waitForFunction(() => document.querySelector('#kegiatan-lampiran-galat')?.textContent.length > 0);
  assert.match(await page.textContent('#kegiatan-lampiran-galat'), /PDF, JPEG atau PNG/);
  assert.equal(await page.getAttribute('#kegiatan-lampiran', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#kegiatan-status'), /Kegiatan tersimpan, tetapi lampirannya belum terunggah/);

  // Unggah ulang dari baris daftar: foto PNG, lalu tautan unduh muncul.
  const bk = page.locator('#baris-kegiatan tr', { hasText: u });
  await bk.locator('input[type="file"]').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
  await bk.locator('a[data-unduh="kegiatan"]').waitFor();
  const lamp = await ctx.request.get(await bk.locator('a[data-unduh="kegiatan"]').getAttribute('href'));
  assert.equal(lamp.headers()['content-type'], 'image/png');
  assert.equal(sha256(await lamp.body()), sha256(PNG));
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('penandatangan dipilih dari daftar pegawai', async () => {
  // Daftar pegawai Kota Mojokerto: diimpor oleh run.sh sebelum server berjalan (seperti oleh pemda).
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await masuk(page);

  // pegawai.html: menu petugas, cari, pilih untuk pakta.
  await page.goto('/pegawai.html');
  await page.waitForSelector('body[data-siap="1"]');
  assert.equal(await page.getAttribute('#nav-staf a[data-hal="pegawai"]', 'aria-current'), 'page');
  assert.match(await page.textContent('#baris-instansi'), /Pemerintah Kota Mojokerto/);
  await page.fill('#cari-q', 'sri');
  await page.click('#tombol-cari');
  await page.waitForFunction(() => document.querySelectorAll('#baris-pegawai tr').length === 1);
  assert.match(await page.textContent('#hasil-ringkas'), /1 pegawai cocok/);
  await page.click('#baris-pegawai button[data-nip="198001012006041001"]');
  assert.match(await page.textContent('#pilihan-teks'), /Sri Wahyuni/);
  await page.click('#ke-pakta');
  await page.waitForSelector('body[data-siap="1"]');
  assert.equal(await page.inputValue('#ttd-0-nip'), '198001012006041001');
  assert.equal(await page.inputValue('#ttd-0-jabatan'), 'Kepala Seksi');

  // Di formulir: cari lagi, pilih → baris penandatangan kedua terisi.
  await page.fill('#cari-ttd-q', 'budi');
  await page.press('#cari-ttd-q', 'Enter');
  await page.locator('#cari-ttd-hasil li[data-nip="197805122005011003"] button').click();
  const li = page.locator('#penandatangan li').nth(1);
  assert.equal(await li.locator('input[data-ttd="nip"]').inputValue(), '197805122005011003');
  assert.equal(await li.locator('input[data-ttd="nama"]').inputValue(), 'Budi Santoso');
  const u = unik();
  await page.fill('#pakta-tempat', `Kantor Kecamatan ${u}`);
  await pilihWilayah(page, 'pakta-wilayah-pilih', '35.76', '35.76.01', false);
  await page.click('#simpan-pakta');
  await page.waitForSelector('#pakta-status[data-jenis="sukses"]');
  assert.match(await page.textContent('#pakta-status'), /2 penandatangan \(2 terdaftar/);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('bobot indikator (admin) dan petahana (bawaslu) di halaman kerawanan', async () => {
  // Bawaslu: panel petahana tampil, panel bobot tidak; server menolak bobot dari bawaslu.
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await masuk(page);
  await page.goto('/kerawanan.html?tingkat=kecamatan&wilayah=35.76');
  await page.waitForSelector('body[data-siap="1"]');
  assert.equal(await page.isVisible('#panel-bobot'), false);
  assert.equal(await page.isVisible('#panel-petahana'), true);
  const tolak = await page.evaluate(async () => {
    const s = await (await fetch('/api/v1/session')).json();
    const r = await fetch('/api/v1/kerawanan/bobot', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf },
      body: JSON.stringify({ bobot: { petahana: 4 } }) });
    return r.status;
  });
  assert.equal(tolak, 403);
  assert.equal(await page.inputValue('#petahana-wilayah-0'), '35.76');
  await page.fill('#petahana-calon', 'Wali kota petahana');
  await page.click('#simpan-petahana');
  await page.waitForSelector('#petahana-daftar li[data-wilayah="35.76"]');
  assert.match(await page.textContent('#petahana-daftar'), /pilkada2024 · Wali kota petahana/);
  await page.locator('#petahana-daftar li[data-wilayah="35.76"] button').click();
  await page.waitForFunction(() => !document.querySelector('#petahana-daftar li'));
  assert.match(await page.textContent('#petahana-status'), /dihapus/);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();

  // Admin: ubah bobot, peringkat dihitung ulang dan skor berubah; kembalikan bawaan.
  const r = netral(['user', 'add', '--username', 'uji_admin_krw', '--role', 'admin', '--wilayah', '35'], 'Rahasia-123!\n');
  assert.ok(r.status === 0 || /sudah ada/i.test(r.stderr), r.stderr);
  const ctxA = await konteks(browser, { viewport: { width: 1280, height: 900 } });
  const pa = await ctxA.newPage();
  await pa.goto('/masuk.html');
  await pa.fill('#username', 'uji_admin_krw');
  await pa.fill('#password', 'Rahasia-123!');
  await pa.click('#tombol-masuk');
  await pa.waitForURL(/\/meja\.html/);
  await pa.goto('/kerawanan.html?tingkat=kecamatan&wilayah=35.76');
  await pa.waitForSelector('body[data-siap="1"]');
  assert.equal(await pa.isVisible('#panel-bobot'), true);
  assert.equal(await pa.isVisible('#panel-petahana'), true);
  const skor = async () => pa.textContent('#baris tr[data-kode="35.76.01"] td[data-label="Skor"]');
  const awal = await skor();
  assert.match(await pa.textContent('#bobot-daftar [data-indikator="pelanggar_berulang"]'), /Terlapor berulang/);
  // Hanya "terlapor berulang" yang dipakai: skor Prajuritkulon (yang punya terlapor berulang) jadi 100.
  for (const sel of await pa.locator('#bobot-daftar select').all()) await sel.selectOption('0');
  await pa.selectOption('#bobot-pelanggar_berulang', '4');
  await pa.click('#simpan-bobot');
  await pa.waitForSelector('#bobot-status[data-jenis="sukses"]');
  const baru = await skor();
  assert.notEqual(baru, awal);
  assert.equal(baru, '100,00');
  assert.match(await pa.textContent('#indikator'), /4 \(bawaan 3\)/);
  // Kembalikan bobot bawaan agar uji lain tidak terpengaruh.
  await pa.click('#bobot-bawaan');
  await pa.click('#simpan-bobot');
  await pa.waitForFunction(() => document.querySelector('#bobot-status')?.textContent.includes('Bobot tersimpan')
    && !document.querySelector('#indikator').textContent.includes('bawaan'));
  assert.equal(await pa.inputValue('#bobot-pelanggar_berulang'), '3');
  assert.deepEqual(ctxA.galat, []);
  await ctxA.close();
});
