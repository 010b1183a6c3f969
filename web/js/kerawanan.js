// kerawanan.js — indeks kerawanan netralitas: pilih tingkat + wilayah (di URL, bisa
// dibagikan), peta kecamatan berwarna menurut kategori (tinggi/sedang/rendah) dengan
// legenda dan tabel pengganti, rincian per unit (nilai, normal, bobot, kontribusi tiap
// indikator — jumlah kontribusi = skor), tabel peringkat, unduhan XLSX.
// Admin: panel bobot indikator (PUT /api/v1/kerawanan/bobot, lalu peringkat dihitung
// ulang). Bawaslu/admin: panel petahana (PUT/GET/DELETE /api/v1/kerawanan/petahana).
// Panel disembunyikan dari peran lain; server tetap menolak (403) apa pun tampilannya.
import { $, h, replace, clear, params, status, bersihkanGalat } from './dom.js';
import { get, put, del, ApiError } from './api.js';
import { mulaiStaf } from './staf.js';
import { pemilihWilayah } from './wilayah.js';
import { angka } from './format.js';
import { muatGeo, fiturDalam, svgPeta } from './peta.js';

const TINGKAT = { kabkota: 'Kabupaten/kota', kecamatan: 'Kecamatan', desa: 'Desa/kelurahan', opd: 'OPD' };
const KATEGORI = { tinggi: 'Tinggi', sedang: 'Sedang', rendah: 'Rendah' };
const ZONA = { merah: 'Merah', kuning: 'Kuning', hijau: 'Hijau' };
const form = $('#pilih');

const dua = (n) => Number(n || 0).toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const lencanaKategori = (k) => h('span', { class: 'lencana krw-' + k, 'data-kategori': k }, KATEGORI[k] || k);
const lencanaZona = (z) => h('span', { class: 'lencana zona-' + z }, ZONA[z] || z);

let wilayah = null; // pemilih wilayah
let data = null;    // jawaban terakhir GET /api/v1/kerawanan
let indikator = new Map();
let terpilih = '';

function kueri() {
  const q = new URLSearchParams();
  q.set('tingkat', form.elements.tingkat.value);
  const w = wilayah ? wilayah.input.value : '';
  if (w) q.set('wilayah', w);
  return q;
}

// ---------- rincian satu unit ----------
function tampilRincian(kode, fokus) {
  const u = data && data.unit.find((x) => x.kode === kode);
  if (!u) return;
  terpilih = kode;
  for (const el of document.querySelectorAll('#baris tr')) el.classList.toggle('terpilih', el.dataset.kode === kode);
  for (const el of document.querySelectorAll('#peta path')) el.classList.toggle('terpilih', el.dataset.unit === kode);
  const jumlah = (u.rincian || []).reduce((s, r) => s + (r.kontribusi || 0), 0);
  const maksK = Math.max(1, ...(u.rincian || []).map((r) => r.kontribusi || 0));
  const isi = $('#rincian-isi');
  replace(isi,
    h('h3', { id: 'rincian-nama' }, `${u.nama} (${u.kode})`),
    h('p', { class: 'krw-skor' },
      h('span', { class: 'angka-besar', id: 'rincian-skor' }, dua(u.skor)), ' dari 100 · ',
      lencanaKategori(u.kategori), ' · zona ', lencanaZona(u.zona)),
    h('p', { class: 'bantuan' },
      `Peringkat ${u.peringkat} dari ${data.unit.length}. ${angka(u.terlapor)} terlapor dalam 365 hari; ${angka(u.pegawai)} pegawai terdaftar.`),
    h('div', { class: 'tabel-gulir' }, h('table', { id: 'tabel-rincian' },
      h('caption', { class: 'sr' }, `Rincian skor ${u.nama}`),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Indikator'), h('th', { scope: 'col', class: 'angka' }, 'Nilai'),
        h('th', { scope: 'col', class: 'angka' }, 'Normal 0–100'), h('th', { scope: 'col', class: 'angka' }, 'Bobot'),
        h('th', { scope: 'col', class: 'angka' }, 'Kontribusi'))),
      h('tbody', null, (u.rincian || []).map((r) => {
        const ind = indikator.get(r.kode) || {};
        const w = Math.round(((r.kontribusi || 0) / maksK) * 100);
        return h('tr', { 'data-indikator': r.kode, class: r.bobot ? '' : 'nonaktif' },
          h('th', { scope: 'row' }, ind.nama || r.kode, ind.keterangan ? h('span', { class: 'bantuan' }, ind.keterangan) : null),
          h('td', { class: 'angka' }, dua(r.nilai)),
          h('td', { class: 'angka' }, dua(r.normal)),
          h('td', { class: 'angka' }, r.bobot ? String(r.bobot) : '0 (nonaktif)'),
          h('td', { class: 'angka' }, dua(r.kontribusi),
            h('svg', { class: 'krw-batang', viewBox: '0 0 100 6', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
              h('rect', { class: 'latar', x: 0, y: 0, width: 100, height: 6 }),
              h('rect', { class: 'isi', x: 0, y: 0, width: Math.max(0, w), height: 6 }))));
      })),
      h('tfoot', null, h('tr', null,
        h('th', { scope: 'row', colspan: 4 }, 'Jumlah kontribusi = skor'),
        h('td', { class: 'angka', id: 'rincian-jumlah' }, dua(jumlah)))))),
    h('p', { class: 'bantuan' },
      'Nilai = angka mentah indikator di unit ini; Normal = nilai setelah min–maks 0–100 di antara unit yang dibandingkan; ',
      'Kontribusi = bobot × normal ÷ jumlah bobot.'));
  isi.hidden = false;
  $('#rincian-kosong').hidden = true;
  if (fokus) $('#rincian').focus();
}

// ---------- tabel peringkat ----------
function gambarPeringkat() {
  replace($('#baris'), data.unit.map((u) => h('tr', { 'data-kode': u.kode, 'data-kategori': u.kategori },
    h('td', { 'data-label': 'No.', class: 'angka' }, String(u.peringkat)),
    h('td', { 'data-label': 'Unit' },
      h('button', { type: 'button', class: 'tautan', 'aria-controls': 'rincian', onclick: () => tampilRincian(u.kode, true) },
        u.nama), h('span', { class: 'bantuan' }, u.kode)),
    h('td', { 'data-label': 'Skor', class: 'angka' }, dua(u.skor)),
    h('td', { 'data-label': 'Kategori' }, lencanaKategori(u.kategori)),
    h('td', { 'data-label': 'Zona' }, lencanaZona(u.zona)),
    h('td', { 'data-label': 'Terlapor (365 hari)', class: 'angka' }, angka(u.terlapor)),
    h('td', { 'data-label': 'Pegawai terdaftar', class: 'angka' }, angka(u.pegawai)))));
  $('#tabel').hidden = data.unit.length === 0;
}

function gambarRingkas() {
  const hitung = { tinggi: 0, sedang: 0, rendah: 0 };
  for (const u of data.unit) if (u.kategori in hitung) hitung[u.kategori]++;
  const st = data.statistik || {};
  replace($('#ringkas'),
    h('span', { class: 'lencana status', id: 'jumlah-unit', 'data-total': data.unit.length },
      `${angka(data.unit.length)} ${(TINGKAT[data.tingkat] || data.tingkat).toLowerCase()}`),
    h('span', { class: 'lencana krw-tinggi' }, `${hitung.tinggi} tinggi`),
    h('span', { class: 'lencana krw-sedang' }, `${hitung.sedang} sedang`),
    h('span', { class: 'lencana krw-rendah' }, `${hitung.rendah} rendah`),
    h('span', { class: 'bantuan' },
      `Rata-rata ${dua(st.rata_rata)}, simpangan baku ${dua(st.simpangan_baku)}: tinggi bila skor > ${dua(st.batas_tinggi)}, rendah bila < ${dua(st.batas_rendah)}.`));
  $('#metode').textContent = data.metode || '';
  replace($('#indikator'), h('table', null,
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Indikator'), h('th', { scope: 'col', class: 'angka' }, 'Bobot'),
      h('th', { scope: 'col' }, 'Arah'), h('th', { scope: 'col' }, 'Keterangan'))),
    h('tbody', null, (data.indikator || []).map((i) => h('tr', null,
      h('td', null, i.nama), h('td', { class: 'angka' }, `${i.bobot}${i.bobot !== i.bobot_bawaan ? ` (bawaan ${i.bobot_bawaan})` : ''}`),
      h('td', null, i.arah === 'negatif' ? 'Makin tinggi makin aman' : 'Makin tinggi makin rawan'),
      h('td', null, i.keterangan || ''))))));
}

// ---------- peta ----------
async function gambarPeta() {
  const kartu = $('#peta-kartu');
  const wadah = $('#peta');
  // Poligon yang ada hanya kecamatan: tingkat kecamatan diwarnai langsung, tingkat
  // kabupaten/kota mewarnai semua kecamatan di dalamnya. Desa dan OPD: tabel saja.
  if (data.tingkat !== 'kecamatan' && data.tingkat !== 'kabkota') {
    kartu.hidden = true;
    return;
  }
  kartu.hidden = false;
  $('#j-peta').textContent = data.tingkat === 'kabkota' ? 'Peta kerawanan kabupaten/kota' : 'Peta kerawanan kecamatan';
  let geo;
  try { geo = await muatGeo(); } catch {
    replace(wadah, h('p', { class: 'pesan', 'data-jenis': 'galat' }, 'Peta kecamatan belum tersedia dari server (/data/kecamatan_jatim.geojson).'));
    return;
  }
  const unit = new Map(data.unit.map((u) => [u.kode, u]));
  const cari = (kodeKec) => (data.tingkat === 'kabkota' ? unit.get(kodeKec.split('.').slice(0, 2).join('.')) : unit.get(kodeKec));
  const lingkup = data.wilayah || '';
  const baris = [];
  const svg = svgPeta(fiturDalam(geo, lingkup), {
    ariaLabel: `Peta kerawanan ${lingkup || 'Jawa Timur'} menurut kategori`, kelasSvg: 'krw-peta', info: $('#peta-info'),
    atribut: (f) => {
      const { kode, nama } = f.properties;
      const u = cari(kode);
      if (u) baris.push([nama, kode, u]);
      return {
        class: u ? 'krw-' + u.kategori : 'krw-kosong', 'data-unit': u ? u.kode : false, 'data-kategori': u ? u.kategori : false,
        aktif: !!u, peran: 'button',
        label: u
          ? `Kecamatan ${nama} (${kode})${data.tingkat === 'kabkota' ? ', ' + u.nama : ''}: kerawanan ${KATEGORI[u.kategori] || u.kategori}, skor ${dua(u.skor)}`
          : `Kecamatan ${nama} (${kode}): di luar pilihan`,
      };
    },
    buka: (f) => tampilRincian(cari(f.properties.kode).kode, true),
  });
  if (!svg) {
    replace(wadah, h('p', null, 'Tidak ada poligon kecamatan untuk wilayah ini.'));
    replace($('#tabel-peta'), h('p', null, '—'));
    return;
  }
  replace(wadah, svg);
  baris.sort((a, b) => b[2].skor - a[2].skor || a[1].localeCompare(b[1]));
  replace($('#tabel-peta'), h('table', null,
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Kecamatan'),
      data.tingkat === 'kabkota' ? h('th', { scope: 'col' }, 'Kabupaten/kota') : null,
      h('th', { scope: 'col' }, 'Kategori'), h('th', { scope: 'col', class: 'angka' }, 'Skor'))),
    h('tbody', null, baris.map(([nama, kode, u]) => h('tr', null,
      h('td', null, h('button', { type: 'button', class: 'tautan', onclick: () => tampilRincian(u.kode, true) }, `${nama} (${kode})`)),
      data.tingkat === 'kabkota' ? h('td', null, u.nama) : null,
      h('td', null, lencanaKategori(u.kategori)),
      h('td', { class: 'angka' }, dua(u.skor)))))));
  if (terpilih) tampilRincian(terpilih, false);
}

// ---------- muat ----------
async function muat() {
  const q = kueri();
  const m = $('#muat');
  m.hidden = false; m.dataset.jenis = 'info'; m.textContent = 'Memuat indeks kerawanan…';
  $('#unduh-xlsx').href = '/api/v1/kerawanan.xlsx?' + q;
  try {
    data = await get('/api/v1/kerawanan?' + q);
    data.unit = data.unit || [];
    indikator = new Map((data.indikator || []).map((i) => [i.kode, i]));
    if (!data.unit.some((u) => u.kode === terpilih)) {
      terpilih = '';
      $('#rincian-isi').hidden = true;
      $('#rincian-kosong').hidden = false;
    }
    gambarRingkas();
    gambarPeringkat();
    m.hidden = data.unit.length > 0;
    if (!data.unit.length) m.textContent = 'Tidak ada unit pada tingkat dan wilayah ini.';
    await gambarPeta();
    if (terpilih) tampilRincian(terpilih, false);
    form.dataset.siap = '1';
  } catch (e) {
    m.dataset.jenis = 'galat';
    m.textContent = e.message;
    $('#tabel').hidden = true;
    clear($('#ringkas'));
    clear($('#peta'));
  }
}

// ---------- bobot indikator (admin) ----------
function gambarBobot(daftar) {
  replace($('#bobot-daftar'), (daftar || []).map((i) => {
    const id = 'bobot-' + i.kode;
    const sel = h('select', { id, name: i.kode, 'data-medan': 'bobot.' + i.kode, 'data-bawaan': i.bobot_bawaan,
      'aria-describedby': `${id}-bantuan ${id}-galat` },
    [1, 2, 3, 4, 0].map((n) => h('option', { value: n, selected: n === i.bobot },
      n === 0 ? '0 — tidak dipakai' : `${n}${n === i.bobot_bawaan ? ' (bawaan)' : ''}`)));
    return h('div', { class: 'medan', 'data-indikator': i.kode },
      h('label', { for: id }, i.nama),
      h('span', { class: 'bantuan', id: id + '-bantuan' },
        `${i.keterangan || ''} ${i.arah === 'negatif' ? 'Makin tinggi makin aman.' : 'Makin tinggi makin rawan.'} Bobot bawaan ${i.bobot_bawaan}.`),
      sel, h('span', { class: 'galat', id: id + '-galat' }));
  }));
}

async function simpanBobot(ev) {
  ev.preventDefault();
  const f = ev.currentTarget;
  const st = $('#bobot-status');
  bersihkanGalat(f);
  const bobot = {};
  for (const sel of f.querySelectorAll('select[data-medan]')) bobot[sel.name] = Number(sel.value);
  const tombol = $('#simpan-bobot');
  tombol.disabled = true;
  status(st, 'Menyimpan bobot…', 'tunggu');
  try {
    const r = await put('/api/v1/kerawanan/bobot', { bobot });
    gambarBobot(r.indikator);
    await muat();
    status(st, 'Bobot tersimpan. Skor dan peringkat sudah dihitung ulang dengan bobot baru.', 'sukses');
  } catch (e) {
    const sel = e instanceof ApiError && e.field ? f.querySelector(`[data-medan="${CSS.escape(e.field)}"]`) : null;
    if (sel) {
      sel.setAttribute('aria-invalid', 'true');
      document.getElementById(sel.id + '-galat').textContent = e.message;
      sel.focus();
    }
    status(st, e.message, 'galat');
  } finally {
    tombol.disabled = false;
  }
}

// ---------- petahana (bawaslu, admin) ----------
let pwPetahana = null;
let bolehHapusPetahana = false;

async function muatPetahana() {
  const r = await get('/api/v1/kerawanan/petahana');
  const items = r.petahana || [];
  $('#petahana-kosong').hidden = items.length > 0;
  replace($('#petahana-daftar'), items.map((p) => h('li', { 'data-wilayah': p.wilayah },
    h('p', null, h('strong', null, `${p.wilayah_nama} (${p.wilayah})`), ` · ${p.pemilihan}`,
      p.calon ? ` · ${p.calon}` : ''),
    h('p', { class: 'bantuan' }, `Ditandai oleh ${p.diubah_oleh}, ${p.diubah.slice(0, 10)}`),
    bolehHapusPetahana ? h('button', { type: 'button', class: 'kedua', onclick: () => hapusPetahana(p) },
      `Hapus tanda ${p.wilayah_nama}`) : null)));
}

async function hapusPetahana(p) {
  const st = $('#petahana-status');
  try {
    await del('/api/v1/kerawanan/petahana/' + encodeURIComponent(p.wilayah));
    status(st, `Tanda petahana ${p.wilayah_nama} dihapus; indeks dihitung ulang.`, 'sukses');
    await Promise.all([muatPetahana(), muat()]);
  } catch (e) {
    status(st, e.message, 'galat');
  }
}

async function simpanPetahana(ev) {
  ev.preventDefault();
  const f = ev.currentTarget;
  const st = $('#petahana-status');
  bersihkanGalat(f);
  const body = { wilayah: pwPetahana.input.value, pemilihan: f.elements.pemilihan.value.trim() };
  if (f.elements.calon.value.trim()) body.calon = f.elements.calon.value.trim();
  if (!body.wilayah) {
    $('#petahana-wilayah-galat').textContent = 'Pilih kabupaten/kota.';
    pwPetahana.fokus();
    return;
  }
  const tombol = $('#simpan-petahana');
  tombol.disabled = true;
  status(st, 'Menyimpan…', 'tunggu');
  try {
    const r = await put('/api/v1/kerawanan/petahana', body);
    await Promise.all([muatPetahana(), muat()]);
    status(st, `Petahana ditandai untuk ${r.wilayah} (${r.pemilihan}); indeks dihitung ulang.`, 'sukses');
  } catch (e) {
    const field = e instanceof ApiError ? e.field : '';
    const input = field && field !== 'wilayah' ? f.querySelector(`[data-medan="${CSS.escape(field)}"]`) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      document.getElementById(input.id + '-galat').textContent = e.message;
    } else if (field === 'wilayah') {
      $('#petahana-wilayah-galat').textContent = e.message;
    }
    status(st, e.message, 'galat');
  } finally {
    tombol.disabled = false;
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  history.pushState(null, '', '?' + kueri());
  muat();
});
window.addEventListener('popstate', async () => {
  const p = params();
  form.elements.tingkat.value = p.get('tingkat') || 'kecamatan';
  await wilayah.setel(p.get('wilayah') || '');
  muat();
});

const s = await mulaiStaf('kerawanan');
const p = params();
form.elements.tingkat.value = TINGKAT[p.get('tingkat')] ? p.get('tingkat') : 'kecamatan';
wilayah = pemilihWilayah($('#f-wilayah-wadah'), { nama: 'wilayah', id: 'f-wilayah', kedalaman: 'kecamatan', wajibSampai: 'kabkota' });
const awal = p.has('wilayah') ? p.get('wilayah') : ((s.user && s.user.role !== 'admin' && s.user.wilayah) || '');
await wilayah.setel(awal);
const peran = (s.user && s.user.role) || '';
await muat();
if (peran === 'admin' && data) {
  gambarBobot(data.indikator);
  $('#form-bobot').addEventListener('submit', simpanBobot);
  $('#bobot-bawaan').addEventListener('click', () => {
    for (const sel of document.querySelectorAll('#bobot-daftar select')) sel.value = sel.dataset.bawaan;
    status($('#bobot-status'), 'Bobot bawaan dipilih; tekan Simpan bobot untuk memakainya.', 'info');
  });
  $('#panel-bobot').hidden = false;
}
if (peran === 'bawaslu' || peran === 'admin') {
  bolehHapusPetahana = true;
  pwPetahana = pemilihWilayah($('#petahana-wilayah-wadah'), { nama: 'wilayah', id: 'petahana-wilayah', kedalaman: 'kabkota', wajibSampai: 'kabkota' });
  $('#form-petahana').addEventListener('submit', simpanPetahana);
  $('#panel-petahana').hidden = false;
  try {
    await Promise.all([muatPetahana(), pwPetahana.setel(peran === 'admin' ? '' : ((s.user && s.user.wilayah) || '').split('.').slice(0, 2).join('.'))]);
  } catch (e) {
    status($('#petahana-status'), e.message, 'galat');
  }
}
document.body.dataset.siap = '1';
