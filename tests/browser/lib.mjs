// lib.mjs — pembantu uji peramban: meluncurkan chromium Debian, mengisi formulir
// laporan, masuk sebagai petugas uji. Alamat server dari NETRAL_URL (run.sh).
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';

export const BASE = process.env.NETRAL_URL || 'http://127.0.0.1:8099';
export const USER = process.env.NETRAL_UJI_USER || 'uji_bawaslu';
export const PASS = process.env.NETRAL_UJI_PASS || 'Rahasia-123!';
export const ARTIFAK = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');
fs.mkdirSync(ARTIFAK, { recursive: true });

export async function luncurkan() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Konteks baru yang mencatat galat halaman/konsol (termasuk pelanggaran CSP).
export async function konteks(browser, opsi = {}) {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 375, height: 812 }, locale: 'en-US', ...opsi });
  ctx.galat = [];
  ctx.on('page', (p) => pantau(p, ctx.galat));
  return ctx;
}
function pantau(page, galat) {
  page.on('pageerror', (e) => galat.push('pageerror: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) galat.push('csp: ' + m.text()); });
}

export const unik = () => Math.random().toString(36).slice(2, 10);

// Tanggal kemarin menurut WIB (YYYY-MM-DD).
export function kemarin() {
  return new Date(Date.now() + 7 * 3600000 - 86400000).toISOString().slice(0, 10);
}

// PNG 1×1 yang sah (untuk bukti).
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  + '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f5e3c80000000049454e44ae426082', 'hex');

export async function pilihWilayah(page, prefix, kab = '35.76', kec = '35.76.01', desa = true) {
  const s0 = page.locator(`#${prefix}-0`);
  await s0.locator(`option[value="${kab}"]`).waitFor({ state: 'attached' });
  await s0.selectOption(kab);
  const s1 = page.locator(`#${prefix}-1`);
  await s1.locator(`option[value="${kec}"]`).waitFor({ state: 'attached' });
  await s1.selectOption(kec);
  if (desa) {
    const s2 = page.locator(`#${prefix}-2`);
    await s2.locator('option:nth-child(2)').waitFor({ state: 'attached' });
    await s2.selectOption({ index: 1 });
  }
}

// Isi formulir lapor.html sampai langkah 5 (belum dikirim).
export async function isiLaporan(page, { uraian, anonim = false, berkas = [] }) {
  await page.goto('/lapor.html');
  await page.waitForSelector('form[data-siap="1"]');
  if (anonim) await page.check('input[name="anonim"][value="ya"]');
  else {
    await page.fill('#pelapor-nama', 'Siti Pelapor');
    await page.fill('#pelapor-nik', '3576014101900001');
    await page.fill('#pelapor-alamat', 'Jl. Majapahit 1, Mojokerto');
    await page.fill('#pelapor-telepon', '081234567890');
  }
  await page.click('#lanjut');
  await page.fill('#terlapor-nama', 'Budi Santoso');
  await page.selectOption('#terlapor-kategori', 'asn');
  await page.fill('#terlapor-instansi', 'Dinas Pendidikan Kota Mojokerto');
  await pilihWilayah(page, 'terlapor-wilayah-pilih', '35.76', '35.76.01', false);
  await page.click('#lanjut');
  await page.fill('#peristiwa-tanggal_kejadian', kemarin());
  await page.fill('#peristiwa-tanggal_diketahui', kemarin());
  await pilihWilayah(page, 'peristiwa-wilayah-pilih');
  await page.fill('#peristiwa-lokasi', 'Balai Desa');
  await page.fill('#peristiwa-uraian', uraian);
  await page.click('#lanjut');
  if (berkas.length) await page.setInputFiles('#bukti', berkas);
  await page.click('#lanjut');
  await page.check('#pernyataan');
}

// Badan laporan untuk POST /api/v1/laporan langsung.
export function badanLaporan(uraian, extra = {}) {
  return {
    rezim: 'pemilu', anonim: false,
    pelapor: { nama: 'Rahmat Pelapor', nik: '3576014101900002', alamat: 'Jl. Benteng Pancasila 2', telepon: '081300000000', email: '' },
    terlapor: { nama: 'Kepala Desa Uji', nip: '', kategori: 'kepala_desa', instansi: 'Pemerintah Desa', jabatan: 'Kepala desa', wilayah: '35.76.01' },
    peristiwa: { tanggal_kejadian: kemarin(), tanggal_diketahui: kemarin(), wilayah: '35.76.01', lokasi: 'Lapangan desa', uraian },
    saksi: [{ nama: 'Saksi Satu', keterangan: 'melihat langsung' }],
    client_id: crypto.randomUUID(),
    ...extra,
  };
}

export async function laporLewatApi(request, uraian) {
  const r = await request.post('/api/v1/laporan', { data: badanLaporan(uraian) });
  if (r.status() !== 201) throw new Error(`POST /api/v1/laporan → ${r.status()} ${await r.text()}`);
  return (await r.json()).kode;
}

export async function masuk(page, user = USER) {
  await page.goto('/masuk.html');
  await page.fill('#username', user);
  await page.fill('#password', PASS);
  await page.click('#tombol-masuk');
  await page.waitForURL(/\/meja\.html/);
}

// Cari jumlah kasus yang memuat teks unik, lewat API petugas dalam sesi page.
export async function jumlahKasus(page, q) {
  return page.evaluate(async (qq) => {
    const r = await fetch('/api/v1/kasus?q=' + encodeURIComponent(qq));
    const j = await r.json();
    return j.total;
  }, q);
}
