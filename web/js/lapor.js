// lapor.js — formulir laporan bertahap (juga dipakai petugas untuk mencatat temuan:
// lapor.html?jenis=temuan). Draf disimpan di localStorage saat mengetik; bila
// jaringan putus saat mengirim, laporan masuk antrean (antrian.js) dan terkirim
// otomatis satu kali ketika koneksi kembali.

import { $, $$, h, replace, clear, params } from './dom.js';
import { post, unggah, sesi, ApiError, NetworkError } from './api.js';
import { pemilihWilayah } from './wilayah.js';
import { uuid, antrekan, simpanTandaTerima, daftar, hapus } from './antrian.js';
import { pasangInfoAntrian } from './publik.js';
import { KATEGORI, tanggal, ukuran } from './format.js';

const TEMUAN = params().get('jenis') === 'temuan';
const KUNCI_DRAF = TEMUAN ? 'netral.draf.temuan' : 'netral.draf';
const JUMLAH = 5;
const MAKS_BERKAS = 10;
const MAKS_UKURAN = 20 * 1024 * 1024;
const JENIS_BOLEH = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4',
  'audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/ogg', 'application/ogg'];
const EKSTENSI_BOLEH = /\.(jpe?g|png|webp|pdf|mp4|mp3|m4a|ogg|oga)$/i;

const form = $('#formulir');
const ringkasanGalat = $('#ringkasan-galat');
let langkah = 1;
let clientId = uuid();
let berkas = []; // File[]
let pickerTerlapor, pickerPeristiwa;

// ---------- pembantu medan ----------
const medan = (nama) => form.elements.namedItem(nama);
const nilai = (nama) => {
  const el = medan(nama);
  if (!el) return '';
  return (el.value || '').trim();
};
const anonim = () => !TEMUAN && form.elements.namedItem('anonim').value === 'ya';

function elGalat(field) {
  return document.getElementById('galat-' + field);
}

function setGalat(field, pesan) {
  let el = elGalat(field);
  const input = inputUntuk(field);
  if (!el && input) {
    el = h('span', { class: 'galat', id: 'galat-' + field });
    input.insertAdjacentElement('afterend', el);
    input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' galat-' + field).trim());
  }
  if (el) el.textContent = pesan;
  if (input) input.setAttribute('aria-invalid', 'true');
  return !!el;
}

function hapusGalat() {
  $$('.galat', form).forEach((e) => { if (e.id !== 'galat-berkas' || !e.dataset.tetap) e.textContent = ''; });
  $$('[aria-invalid]', form).forEach((e) => e.removeAttribute('aria-invalid'));
  ringkasanGalat.hidden = true;
  clear(ringkasanGalat);
}

// "saksi.0.nama", "saksi[0].nama" → input di baris saksi; wilayah → select pertama.
function inputUntuk(field) {
  const m = /^saksi(?:\.|\[)(\d+)\]?\.(\w+)$/.exec(field);
  if (m) {
    const baris = $$('.saksi-baris', form)[Number(m[1])];
    return baris ? $(`[data-f="${m[2]}"]`, baris) : null;
  }
  if (field === 'terlapor.wilayah') return pickerTerlapor.selects[0];
  if (field === 'peristiwa.wilayah') return pickerPeristiwa.selects[0];
  if (field === 'berkas' || field === 'bukti') return $('#bukti');
  const el = medan(field);
  if (el instanceof RadioNodeList) return el[0];
  return el;
}

function langkahDari(field) {
  const input = inputUntuk(field);
  const fs = input && input.closest('[data-langkah]');
  return fs ? Number(fs.dataset.langkah) : null;
}

// Tampilkan galat; fokus ke medan pertama yang salah; ringkasan di atas (role=alert).
function tampilkanGalat(list) {
  const butir = [];
  for (const [field, pesan] of list) {
    const ada = field && setGalat(field, pesan);
    butir.push([field, pesan, ada]);
  }
  replace(ringkasanGalat, h('strong', null, list.length > 1 ? `Ada ${list.length} isian yang perlu diperbaiki:` : 'Ada isian yang perlu diperbaiki:'),
    h('ul', null, butir.map(([field, pesan, ada]) => h('li', null,
      ada ? h('a', { href: '#', 'data-field': field, onclick: (ev) => { ev.preventDefault(); const i = inputUntuk(field); if (i) i.focus(); } }, pesan) : pesan))));
  ringkasanGalat.hidden = false;
  const pertama = list.find(([f]) => f && inputUntuk(f));
  if (pertama) inputUntuk(pertama[0]).focus();
  else ringkasanGalat.focus();
}

// ---------- validasi di peramban ----------
const hariIni = () => new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10); // WIB

function periksaLangkah(n) {
  const g = [];
  if (n === 1 && !TEMUAN && !anonim()) {
    if (!nilai('pelapor.nama')) g.push(['pelapor.nama', 'Nama pelapor wajib diisi.']);
    const nik = nilai('pelapor.nik').replace(/\s/g, '');
    if (!nik) g.push(['pelapor.nik', 'NIK wajib diisi.']);
    else if (!/^\d{16}$/.test(nik)) g.push(['pelapor.nik', `NIK harus 16 angka (sekarang ${nik.length} karakter).`]);
    if (!nilai('pelapor.alamat')) g.push(['pelapor.alamat', 'Alamat wajib diisi.']);
    const tel = nilai('pelapor.telepon');
    if (tel && !/^\+?[0-9][0-9 \-]{6,18}$/.test(tel)) g.push(['pelapor.telepon', 'Nomor telepon hanya boleh berisi angka, spasi, tanda + atau -.']);
    const em = nilai('pelapor.email');
    if (em && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(em)) g.push(['pelapor.email', 'Alamat email tidak valid.']);
  }
  if (n === 2) {
    if (!nilai('terlapor.nama')) g.push(['terlapor.nama', 'Nama terlapor wajib diisi.']);
    if (!nilai('terlapor.kategori')) g.push(['terlapor.kategori', 'Pilih jenis terlapor.']);
    const nip = nilai('terlapor.nip').replace(/\s/g, '');
    if (nip && !/^\d{18}$/.test(nip)) g.push(['terlapor.nip', `NIP harus 18 angka (sekarang ${nip.length} karakter), atau kosongkan.`]);
    if (!nilai('terlapor.wilayah')) g.push(['terlapor.wilayah', 'Pilih kabupaten/kota tempat terlapor bertugas.']);
  }
  if (n === 3) {
    const tk = nilai('peristiwa.tanggal_kejadian');
    const td = nilai('peristiwa.tanggal_diketahui');
    if (!tk) g.push(['peristiwa.tanggal_kejadian', 'Tanggal kejadian wajib diisi.']);
    else if (tk > hariIni()) g.push(['peristiwa.tanggal_kejadian', 'Tanggal kejadian tidak boleh di masa depan.']);
    if (!td) g.push(['peristiwa.tanggal_diketahui', 'Tanggal diketahui wajib diisi.']);
    else if (td > hariIni()) g.push(['peristiwa.tanggal_diketahui', 'Tanggal diketahui tidak boleh di masa depan.']);
    else if (tk && td < tk) g.push(['peristiwa.tanggal_diketahui', 'Tanggal diketahui tidak boleh sebelum tanggal kejadian.']);
    if (!nilai('peristiwa.wilayah')) g.push(['peristiwa.wilayah', 'Pilih wilayah kejadian, paling tidak kabupaten/kota.']);
    if (!nilai('peristiwa.lokasi')) g.push(['peristiwa.lokasi', 'Tempat kejadian wajib diisi.']);
    const ur = nilai('peristiwa.uraian');
    if (ur.length < 20) g.push(['peristiwa.uraian', `Uraian minimal 20 huruf (sekarang ${ur.length}).`]);
  }
  if (n === 4) {
    $$('.saksi-baris', form).forEach((b, i) => {
      const nm = $('[data-f="nama"]', b).value.trim();
      const kt = $('[data-f="keterangan"]', b).value.trim();
      if (!nm && kt) g.push([`saksi.${i}.nama`, `Nama saksi ${i + 1} wajib diisi, atau hapus baris ini.`]);
    });
    const gb = periksaBerkas();
    if (gb) g.push(['berkas', gb]);
  }
  if (n === 5 && !TEMUAN && !$('#pernyataan').checked) g.push(['pernyataan', 'Centang pernyataan ini sebelum mengirim.']);
  return g;
}

function periksaBerkas() {
  if (berkas.length > MAKS_BERKAS) return `Paling banyak ${MAKS_BERKAS} berkas. Hapus ${berkas.length - MAKS_BERKAS} berkas.`;
  for (const f of berkas) {
    if (f.size > MAKS_UKURAN) return `Berkas "${f.name}" ${ukuran(f.size)}, melebihi batas 20 MB.`;
    if (!JENIS_BOLEH.includes(f.type) && !EKSTENSI_BOLEH.test(f.name)) return `Jenis berkas "${f.name}" tidak didukung.`;
  }
  return '';
}

// ---------- langkah ----------
function tampilLangkah(n, fokus = true) {
  langkah = n;
  $$('[data-langkah]', form).forEach((fs) => { fs.hidden = Number(fs.dataset.langkah) !== n; });
  $$('.langkah-daftar li', form).forEach((li, i) => li.classList.toggle('sudah', i < n));
  const judul = $(`[data-langkah="${n}"] .judul-langkah`, form);
  $('#langkah-teks').textContent = `Langkah ${n} dari ${JUMLAH}: ${judul.textContent}`;
  $('#kembali').hidden = n === 1;
  $('#lanjut').textContent = n === JUMLAH ? (TEMUAN ? 'Simpan temuan' : 'Kirim laporan') : 'Lanjut';
  if (n === JUMLAH) isiPeriksa();
  if (fokus) judul.focus();
  simpanDraf();
}

// ---------- saksi ----------
function tambahSaksi(data = {}) {
  const wadah = $('#saksi-daftar');
  const i = wadah.children.length;
  const idN = `saksi-${clientId}-${i}-nama`;
  const idK = `saksi-${clientId}-${i}-ket`;
  const baris = h('fieldset', { class: 'saksi-baris kartu' },
    h('legend', { class: 'label' }, `Saksi ${i + 1}`),
    h('div', { class: 'medan' }, h('label', { for: idN }, 'Nama saksi'),
      h('input', { id: idN, 'data-f': 'nama', value: data.nama || '' })),
    h('div', { class: 'medan' }, h('label', { for: idK }, 'Apa yang diketahui saksi (boleh dikosongkan)'),
      h('textarea', { id: idK, 'data-f': 'keterangan', rows: 2 }, data.keterangan || '')),
    h('button', { type: 'button', class: 'kedua', onclick: () => { baris.remove(); nomoriSaksi(); simpanDraf(); $('#saksi-tambah').focus(); } }, `Hapus saksi ${i + 1}`));
  wadah.append(baris);
  return baris;
}
function nomoriSaksi() {
  $$('.saksi-baris', form).forEach((b, i) => {
    $('legend', b).textContent = `Saksi ${i + 1}`;
    $('button', b).textContent = `Hapus saksi ${i + 1}`;
  });
}

// ---------- berkas ----------
function gambarBerkas() {
  const ul = $('#berkas-daftar');
  clear(ul);
  berkas.forEach((f, i) => {
    ul.append(h('li', null,
      h('span', { class: 'nama' }, f.name),
      h('span', { class: 'bantuan' }, ukuran(f.size)),
      h('button', { type: 'button', class: 'kedua', 'aria-label': `Hapus berkas ${f.name}`, onclick: () => {
        berkas.splice(i, 1); gambarBerkas(); $('#bukti').focus();
      } }, 'Hapus')));
  });
  const g = periksaBerkas();
  const el = $('#galat-berkas');
  el.textContent = g;
  $('#bukti').toggleAttribute('aria-invalid', !!g);
  $('#berkas-catatan').hidden = berkas.length === 0;
}

// ---------- data ----------
function kumpulkan() {
  const body = {
    rezim: form.elements.namedItem('rezim').value,
    terlapor: {
      nama: nilai('terlapor.nama'), nip: nilai('terlapor.nip').replace(/\s/g, ''),
      kategori: nilai('terlapor.kategori'), instansi: nilai('terlapor.instansi'),
      jabatan: nilai('terlapor.jabatan'), wilayah: nilai('terlapor.wilayah'),
    },
    peristiwa: {
      tanggal_kejadian: nilai('peristiwa.tanggal_kejadian'), tanggal_diketahui: nilai('peristiwa.tanggal_diketahui'),
      wilayah: nilai('peristiwa.wilayah'), lokasi: nilai('peristiwa.lokasi'), uraian: nilai('peristiwa.uraian'),
    },
    saksi: $$('.saksi-baris', form).map((b) => ({
      nama: $('[data-f="nama"]', b).value.trim(), keterangan: $('[data-f="keterangan"]', b).value.trim(),
    })).filter((s) => s.nama || s.keterangan),
    client_id: clientId,
  };
  if (!TEMUAN) {
    body.anonim = anonim();
    if (!body.anonim) {
      body.pelapor = {
        nama: nilai('pelapor.nama'), nik: nilai('pelapor.nik').replace(/\s/g, ''), alamat: nilai('pelapor.alamat'),
        telepon: nilai('pelapor.telepon'), email: nilai('pelapor.email'),
      };
    }
  }
  return body;
}

let tundaDraf = null;
function simpanDraf() {
  clearTimeout(tundaDraf);
  tundaDraf = setTimeout(() => {
    const d = kumpulkan();
    d.anonim = anonim();
    d.pelapor = TEMUAN ? undefined : {
      nama: nilai('pelapor.nama'), nik: nilai('pelapor.nik'), alamat: nilai('pelapor.alamat'),
      telepon: nilai('pelapor.telepon'), email: nilai('pelapor.email'),
    };
    d.saksi = $$('.saksi-baris', form).map((b) => ({ nama: $('[data-f="nama"]', b).value, keterangan: $('[data-f="keterangan"]', b).value }));
    d.langkah = langkah;
    d.pernyataan = $('#pernyataan').checked;
    try { localStorage.setItem(KUNCI_DRAF, JSON.stringify(d)); } catch { /* penuh */ }
  }, 250);
}

async function pulihkanDraf(d) {
  clientId = d.client_id || clientId;
  const setel = (nama, v) => { const el = medan(nama); if (el && v != null) el.value = v; };
  if (d.rezim) setel('rezim', d.rezim);
  if (!TEMUAN) setel('anonim', d.anonim ? 'ya' : 'tidak');
  for (const k of ['nama', 'nik', 'alamat', 'telepon', 'email']) setel('pelapor.' + k, d.pelapor && d.pelapor[k]);
  for (const k of ['nama', 'nip', 'kategori', 'instansi', 'jabatan']) setel('terlapor.' + k, d.terlapor && d.terlapor[k]);
  for (const k of ['tanggal_kejadian', 'tanggal_diketahui', 'lokasi', 'uraian']) setel('peristiwa.' + k, d.peristiwa && d.peristiwa[k]);
  (d.saksi || []).forEach((s) => tambahSaksi(s));
  $('#pernyataan').checked = !!d.pernyataan;
  perbaruiAnonim();
  hitungUraian();
  await Promise.all([
    pickerTerlapor.setel(d.terlapor && d.terlapor.wilayah),
    pickerPeristiwa.setel(d.peristiwa && d.peristiwa.wilayah),
  ]);
}

function buangDraf() {
  localStorage.removeItem(KUNCI_DRAF);
}

// ---------- periksa ----------
function isiPeriksa() {
  const b = kumpulkan();
  const nmWil = (p) => p.selects.map((s) => (s.value ? s.options[s.selectedIndex].textContent : '')).filter(Boolean).join(', ');
  const baris = (dt, dd) => [h('dt', null, dt), h('dd', { class: dt === 'Uraian' ? 'uraian' : '' }, dd || '—')];
  const bagian = [];
  if (!TEMUAN) {
    bagian.push(h('h3', null, 'Pelapor'), h('dl', { class: 'data' },
      baris('Jenis', b.rezim === 'pilkada' ? 'Pilkada' : 'Pemilu'),
      b.anonim ? baris('Identitas', 'Tanpa nama — dicatat sebagai informasi awal')
        : [baris('Nama', b.pelapor.nama), baris('NIK', b.pelapor.nik), baris('Alamat', b.pelapor.alamat),
          baris('Telepon', b.pelapor.telepon), baris('Email', b.pelapor.email)]));
  }
  bagian.push(h('h3', null, 'Terlapor'), h('dl', { class: 'data' },
    baris('Nama', b.terlapor.nama), baris('Kategori', KATEGORI[b.terlapor.kategori]), baris('Instansi', b.terlapor.instansi),
    baris('Jabatan', b.terlapor.jabatan), baris('NIP', b.terlapor.nip), baris('Wilayah', nmWil(pickerTerlapor))));
  bagian.push(h('h3', null, 'Peristiwa'), h('dl', { class: 'data' },
    baris('Tanggal kejadian', tanggal(b.peristiwa.tanggal_kejadian)), baris('Diketahui', tanggal(b.peristiwa.tanggal_diketahui)),
    baris('Wilayah', nmWil(pickerPeristiwa)), baris('Tempat', b.peristiwa.lokasi), baris('Uraian', b.peristiwa.uraian)));
  bagian.push(h('h3', null, 'Saksi dan bukti'), h('dl', { class: 'data' },
    baris('Saksi', b.saksi.length ? b.saksi.map((s) => s.nama).join(', ') : 'Tidak ada'),
    baris('Bukti', berkas.length ? berkas.map((f) => `${f.name} (${ukuran(f.size)})`).join(', ') : 'Tidak ada')));
  replace($('#periksa'), h('div', { class: 'kartu' }, bagian));
}

// ---------- kirim ----------
function kunci(aktif) {
  $('#lanjut').disabled = aktif;
  $('#kembali').disabled = aktif;
}

function tampilMenunggu() {
  form.hidden = true;
  $('#draf-info').hidden = true;
  const m = $('#menunggu');
  m.hidden = false;
  m.focus();
}

async function unggahSemua(kode) {
  const wadah = $('#kemajuan');
  clear(wadah);
  const sisa = [];
  let ok = 0;
  for (let i = 0; i < berkas.length; i++) {
    const f = berkas[i];
    const bar = h('progress', { max: f.size || 1, value: 0, 'aria-label': `Mengunggah ${f.name}` });
    const ket = h('span', { class: 'bantuan' }, 'Menunggu…');
    wadah.append(h('div', { class: 'medan' }, h('span', { class: 'label' }, f.name), bar, ket));
    try {
      ket.textContent = 'Mengunggah…';
      const r = await unggah(`/api/v1/laporan/${encodeURIComponent(kode)}/bukti`, f, (a, t) => {
        bar.max = t || 1; bar.value = a;
        ket.textContent = `Mengunggah… ${Math.round((a / (t || 1)) * 100)}%`;
      });
      bar.value = bar.max;
      ket.textContent = `Terkirim. SHA-256: ${r && r.sha256 ? r.sha256.slice(0, 16) + '…' : '—'}`;
      ok++;
    } catch (e) {
      if (e instanceof NetworkError) { sisa.push(...berkas.slice(i)); ket.textContent = 'Menunggu koneksi…'; break; }
      ket.textContent = `Gagal: ${e.message}`;
      ket.classList.add('galat');
    }
  }
  return { ok, sisa };
}

async function kirim() {
  const body = kumpulkan();
  kunci(true);
  const st = h('p', { class: 'pesan', role: 'status' }, TEMUAN ? 'Menyimpan temuan…' : 'Mengirim laporan…');
  replace($('#kemajuan'), st);
  try {
    if (!TEMUAN && navigator.onLine === false) throw new NetworkError();
    const r = await post(TEMUAN ? '/api/v1/temuan' : '/api/v1/laporan', body);
    if (r.tanda_terima) simpanTandaTerima(r.kode, r.tanda_terima);
    buangDraf();
    const { ok, sisa } = await unggahSemua(r.kode);
    if (sisa.length) {
      // Laporan sudah diterima; bukti sisanya diantrekan dan diunggah nanti.
      await antrekan(body, sisa);
      const items = daftar();
      const it = items.find((x) => x.client_id === body.client_id);
      if (it) { it.kode = r.kode; localStorage.setItem('netral.antrian', JSON.stringify(items)); }
    }
    const tujuan = TEMUAN ? `/kasus.html?kode=${encodeURIComponent(r.kode)}`
      : `/hasil.html?kode=${encodeURIComponent(r.kode)}&bukti=${ok}&tertunda=${sisa.length}`;
    location.assign(tujuan);
  } catch (e) {
    kunci(false);
    if (e instanceof NetworkError && !TEMUAN) {
      await antrekan(body, berkas);
      buangDraf();
      tampilMenunggu();
      return;
    }
    clear($('#kemajuan'));
    if (e instanceof ApiError && e.field && inputUntuk(e.field)) {
      const n = langkahDari(e.field);
      if (n && n !== langkah) tampilLangkah(n, false);
      tampilkanGalat([[e.field, e.message]]);
    } else {
      tampilkanGalat([[null, e.message || 'Gagal mengirim.']]);
    }
  }
}

// ---------- anonim & uraian ----------
function perbaruiAnonim() {
  if (TEMUAN) return;
  const a = anonim();
  $('#bagian-pelapor').hidden = a;
  $('#catatan-anonim').hidden = !a;
}
function hitungUraian() {
  const n = nilai('peristiwa.uraian').length;
  $('#penghitung-uraian').textContent = n < 20 ? `${n} huruf — minimal 20` : `${n} huruf`;
}

// ---------- mulai ----------
async function mulai() {
  if (TEMUAN) {
    const s = await sesi().catch(() => null);
    if (!s) { location.replace('/masuk.html?lanjut=' + encodeURIComponent(location.pathname + location.search)); return; }
    document.title = 'Catat temuan — Netral';
    $('#judul').textContent = 'Catat temuan pengawas';
    $('#bagian-anonim').hidden = true;
    $('#bagian-pelapor').hidden = true;
    $('[data-langkah="1"] .judul-langkah').textContent = 'Jenis pemilihan';
    $('#pernyataan').closest('label').hidden = true;
    replace($('#nav-utama'), h('li', null, h('a', { href: '/meja.html' }, 'Meja kasus')),
      h('li', null, h('a', { href: '/lapor.html?jenis=temuan', 'aria-current': 'page' }, 'Catat temuan')));
  } else {
    pasangInfoAntrian((r) => {
      // Laporan yang diantrekan dari halaman ini terkirim: tunjukkan hasilnya.
      if (!$('#menunggu').hidden) location.assign(`/hasil.html?kode=${encodeURIComponent(r.kode)}`);
    });
    tampilGagalAntrian();
  }

  pickerTerlapor = pemilihWilayah($('#terlapor-wilayah'), { nama: 'terlapor.wilayah', id: 'terlapor-wilayah-pilih', kedalaman: 'kecamatan', wajibSampai: 'kabkota', onchange: simpanDraf });
  pickerPeristiwa = pemilihWilayah($('#peristiwa-wilayah'), { nama: 'peristiwa.wilayah', id: 'peristiwa-wilayah-pilih', kedalaman: 'desa', wajibSampai: 'kabkota', onchange: simpanDraf });
  // Pindahkan pesan galat wilayah ke bawah pemilih.
  $('#terlapor-wilayah').append(elGalat('terlapor.wilayah'));
  $('#peristiwa-wilayah').append(elGalat('peristiwa.wilayah'));

  let d = null;
  try { d = JSON.parse(localStorage.getItem(KUNCI_DRAF) || 'null'); } catch { d = null; }
  if (d) {
    await pulihkanDraf(d);
    $('#draf-info').hidden = false;
    tampilLangkah(Math.min(Math.max(1, d.langkah || 1), JUMLAH), false);
  } else {
    tampilLangkah(1, false);
  }

  form.addEventListener('input', (ev) => {
    if (ev.target.name === 'peristiwa.uraian') hitungUraian();
    if (ev.target.getAttribute('aria-invalid')) {
      ev.target.removeAttribute('aria-invalid');
    }
    simpanDraf();
  });
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'anonim') perbaruiAnonim();
    simpanDraf();
  });
  $('#bukti').addEventListener('change', (ev) => {
    berkas = berkas.concat(Array.from(ev.target.files || []));
    ev.target.value = '';
    gambarBerkas();
  });
  $('#saksi-tambah').addEventListener('click', () => { const b = tambahSaksi(); $('input', b).focus(); simpanDraf(); });
  $('#kembali').addEventListener('click', () => { hapusGalat(); tampilLangkah(Math.max(1, langkah - 1)); });
  $('#draf-baru').addEventListener('click', () => { buangDraf(); location.reload(); });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    hapusGalat();
    const g = periksaLangkah(langkah);
    if (g.length) { tampilkanGalat(g); return; }
    if (langkah < JUMLAH) { tampilLangkah(langkah + 1); return; }
    // Periksa ulang semua langkah sebelum mengirim.
    for (let n = 1; n <= JUMLAH; n++) {
      const gg = periksaLangkah(n);
      if (gg.length) { tampilLangkah(n, false); tampilkanGalat(gg); return; }
    }
    kirim();
  });
  form.dataset.siap = '1';
}

// Laporan antrean yang ditolak server: tawarkan untuk memperbaikinya di formulir.
function tampilGagalAntrian() {
  const gagal = daftar().filter((x) => x.galat);
  if (!gagal.length) return;
  const it = gagal[0];
  const info = h('div', { class: 'pesan', 'data-jenis': 'galat', role: 'alert' },
    h('p', null, `Laporan tertunda ditolak server: ${it.galat.pesan}`),
    h('button', { type: 'button', onclick: () => {
      const d = Object.assign({}, it.body, { langkah: langkahDari(it.galat.field || '') || 1 });
      localStorage.setItem(KUNCI_DRAF, JSON.stringify(d));
      hapus(it.client_id);
      location.reload();
    } }, 'Perbaiki laporan ini'));
  $('#judul').insertAdjacentElement('afterend', info);
}

mulai();
