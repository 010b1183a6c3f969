// Petugas masuk → menjalankan transisi → status publik di halaman lacak ikut berubah.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { luncurkan, konteks, unik, masuk, laporLewatApi, PNG } from './lib.mjs';

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

// Foto dengan lokasi di metadata (seperti ditulis aplikasi kamera): petugas mengunduh asli
// (byte yang sama, hash sama) atau salinan tanpa metadata untuk dibagikan.
function pngDenganLokasi() {
  const chunk = (t, d) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(d.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(t), d])));
    return Buffer.concat([len, Buffer.from(t), d, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Location\0GPS -7.4706,112.4401 Jl. Melati 5')),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 0, 0, 255]))), chunk('IEND', Buffer.alloc(0))]);
}

test('bukti foto: unduh asli atau salinan tanpa metadata', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const kode = await laporLewatApi(ctx.request, `ASN memasang foto calon di akun dinas ${unik()}`);
  const foto = pngDenganLokasi();
  const r = await ctx.request.post(`/api/v1/laporan/${encodeURIComponent(kode)}/bukti`,
    { multipart: { berkas: { name: 'foto.png', mimeType: 'image/png', buffer: foto } } });
  assert.equal(r.status(), 201, await r.text());
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#bukti figure img');
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const ambil = async (sel) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
    return { nama: d.suggestedFilename(), isi: await readFile(await d.path()) };
  };
  const asli = await ambil('#bukti figcaption a:text-is("Unduh")');
  assert.equal(sha(asli.isi), sha(foto), 'unduhan asli = byte yang diunggah');
  assert.ok(asli.isi.includes('Jl. Melati'));
  assert.ok((await page.textContent('#bukti')).includes(sha(foto)), 'hash asli tampil');
  const bersih = await ambil('#bukti a.unduh-bersih');
  assert.match(bersih.nama, /bersih/);
  assert.ok(!bersih.isi.includes('Melati') && !bersih.isi.includes('GPS'), 'salinan tanpa lokasi');
  assert.ok(bersih.isi.includes('IDAT') && bersih.isi.length < foto.length);
  await page.reload();
  await page.click('#bukti details.akses summary');
  assert.match(await page.textContent('#bukti details.akses'), /diunduh tanpa metadata/);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

// Foto potret dari ponsel: piksel tersimpan mendatar, Exif berkata "putar 90°" (orientasi 6).
// Salinan tanpa metadata membuang lokasi dan merek ponsel tetapi tetap tampil tegak.
function sisipkanExif(jpeg) {
  const ifd = (...e) => Buffer.concat([Buffer.from([e.length, 0]), ...e.map((x) => Buffer.from(x)), Buffer.alloc(4)]);
  const tiff = Buffer.concat([Buffer.from('II*\0\x08\0\0\0', 'latin1'),
    ifd([0x0f, 0x01, 2, 0, 8, 0, 0, 0, 0x2e, 0, 0, 0], [0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]),
    Buffer.alloc(8), Buffer.from('Samsung\0GPS -7.4706,112.4401 Jl. Melati 5', 'latin1')]);
  const isi = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (isi.length + 2) >> 8, (isi.length + 2) & 255]), isi]);
  const app0 = 4 + jpeg.readUInt16BE(4); // SOI, lalu APP0 (JFIF) dari kanvas
  return Buffer.concat([jpeg.subarray(0, app0), app1, jpeg.subarray(app0)]);
}

test('bukti foto potret: salinan tanpa metadata tetap tegak', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const kode = await laporLewatApi(ctx.request, `ASN berfoto dengan calon di kantor desa ${unik()}`);
  await masuk(page);
  const url = await page.evaluate(() => { // 40×20 piksel, mendatar
    const c = Object.assign(document.createElement('canvas'), { width: 40, height: 20 });
    c.getContext('2d').fillRect(0, 0, 40, 20);
    return c.toDataURL('image/jpeg');
  });
  const foto = sisipkanExif(Buffer.from(url.split(',')[1], 'base64'));
  const r = await ctx.request.post(`/api/v1/laporan/${encodeURIComponent(kode)}/bukti`,
    { multipart: { berkas: { name: 'potret.jpg', mimeType: 'image/jpeg', buffer: foto } } });
  assert.equal(r.status(), 201, await r.text());
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#bukti figure img');
  const src = await page.getAttribute('#bukti figure img', 'src');
  const ukuran = (u) => page.evaluate((u) => new Promise((ok, gagal) => {
    const i = new Image(); i.onload = () => ok(`${i.naturalWidth}×${i.naturalHeight}`); i.onerror = gagal; i.src = u;
  }), u);
  assert.equal(await ukuran(src), '20×40', 'asli tampil tegak');
  assert.equal(await ukuran(src + '?bersih=1'), '20×40', 'salinan bersih juga tegak');
  const bersih = Buffer.from(await (await ctx.request.get(src + '?bersih=1')).body());
  assert.ok(!bersih.includes('Melati') && !bersih.includes('Samsung'), 'lokasi dan perangkat terhapus');
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

// Baris yang diubah langsung di basis data (tanpa berkas kunci) ditandai di rincian dan di meja
// kasus, tanpa tombol tahap; bukti yang barisnya diubah tidak ditampilkan.
test('segel rusak: kasus yang diubah di luar aplikasi ditandai, tanpa tindakan', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const kode = await laporLewatApi(ctx.request, `ASN membagikan poster calon di grup dinas ${unik()}`);
  for (const nama of ['a.png', 'b.png']) {
    const r = await ctx.request.post(`/api/v1/laporan/${encodeURIComponent(kode)}/bukti`,
      { multipart: { berkas: { name: nama, mimeType: 'image/png', buffer: PNG } } });
    assert.equal(r.status(), 201, await r.text());
  }
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#transisi button');
  assert.ok(await page.locator('#segel-rusak').isHidden(), 'kasus utuh: tanpa tanda');
  const db = process.env.NETRAL_DB.replace(/^sqlite:/, '');
  execFileSync('sqlite3', [db, `UPDATE kasus SET status='klarifikasi' WHERE kode='${kode}';`
    + `UPDATE bukti SET nama='lain.png' WHERE id=(SELECT MIN(b.id) FROM bukti b JOIN kasus k ON k.id=b.kasus_id WHERE k.kode='${kode}');`]);
  await page.reload();
  await page.waitForSelector('#segel-rusak:not([hidden])');
  const teks = await page.textContent('#segel-rusak');
  assert.match(teks, /Segel rusak: data, catatan bukti kasus ini diubah langsung di basis data/);
  assert.ok(teks.includes(`netral kasus segel --kode ${kode}`));
  assert.equal(await page.locator('#transisi button').count(), 0, 'tidak ada tombol tahap');
  assert.equal(await page.locator('#bukti figure.segel-rusak').count(), 1, 'satu bukti ditandai');
  assert.equal(await page.locator('#bukti figure img').count(), 1, 'bukti yang utuh tetap tampil');
  await page.goto('/meja.html?q=' + encodeURIComponent(kode));
  const baris = page.locator(`#baris tr[data-kode="${kode}"]`);
  await baris.waitFor();
  assert.match(await baris.textContent(), /segel rusak/);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

// Dasbor: peta dibatasi ke wilayah akun (Kota Mojokerto: tiga kecamatan), legenda berupa
// rentang yang naik tegas (dahulu "3–3", "4–3" bila kasusnya sedikit), batang terbaca.
test('dasbor: peta wilayah sendiri, legenda rentang yang sah', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await laporLewatApi(ctx.request, `ASN mengajak memilih calon di apel pagi ${unik()}`);
  await masuk(page);
  await page.goto('/dasbor.html');
  await page.waitForSelector('#peta svg path');
  assert.equal(await page.textContent('#j-peta'), 'Peta kecamatan Kota Mojokerto');
  const kode = await page.$$eval('#peta path', (ps) => ps.map((p) => p.dataset.kode).sort());
  assert.deepEqual(kode, ['35.76.01', '35.76.02', '35.76.03']);
  const legenda = await page.$$eval('#legenda li', (li) => li.map((x) => x.textContent.trim()));
  assert.equal(legenda.length, 6);
  assert.equal(legenda[0], '0 kasus');
  let atas = 0;
  for (const t of legenda.slice(1, 5)) {
    const [lo, hi = lo] = t.split('–').map(Number);
    assert.ok(lo === atas + 1 && hi >= lo, `rentang ${t} menyambung dari ${atas}`);
    atas = hi;
  }
  assert.equal(legenda[5], `> ${atas}`);
  const lbl = await page.$$eval('#per-kategori li .lbl', (s) => s.map((x) => getComputedStyle(x).fontSize));
  assert.ok(lbl.length >= 1 && lbl.every((px) => parseFloat(px) >= 12), `label batang terbaca: ${lbl}`);
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
