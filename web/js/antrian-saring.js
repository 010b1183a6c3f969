// antrian-saring.js — antrean tinjauan penyaringan media sosial (web/antrian.html).
// (web/js/antrian.js adalah antrean laporan luring milik lapor.html — berkas lain.)
//
// Setiap pos tampil dengan semua kecocokan disorot. mulai/akhir dari server adalah
// offset BITA ke teks UTF-8 asli, jadi teks dikodekan dengan TextEncoder, dipotong
// pada batas bita (digeser ke batas karakter bila jatuh di tengah karakter), lalu
// tiap potongan didekodekan dengan TextDecoder. Semua teks lewat textNode.
import { $, h, replace, clear, status, bersihkanGalat } from './dom.js';
import { get, post, ApiError } from './api.js';
import { mulaiStaf } from './staf.js';
import { KATEGORI, waktu, angka } from './format.js';

const PER_HALAMAN = 50;
const BATCH = 1000;
const STATUS = { menunggu: 'Menunggu tinjauan', relevan: 'Relevan', tidak_relevan: 'Tidak relevan' };
const enc = new TextEncoder();
const dec = new TextDecoder();
let halaman = 1;

// ---------- sorotan ----------
const lanjutan = (b, i) => i > 0 && i < b.length && (b[i] & 0xc0) === 0x80;

// Potongan teks [{teks, hits:[…]}] dari offset bita. Diekspor untuk diuji.
export function potong(teks, hits) {
  const b = enc.encode(teks);
  const n = b.length;
  const rentang = [];
  for (const x of hits || []) {
    let a = Math.max(0, Math.min(n, Number(x.mulai) || 0));
    let z = Math.max(0, Math.min(n, Number(x.akhir) || 0));
    while (lanjutan(b, a)) a--;
    while (lanjutan(b, z)) z++;
    if (z > a) rentang.push({ a, z, hit: x });
  }
  const batas = [...new Set([0, n, ...rentang.flatMap((r) => [r.a, r.z])])].sort((p, q) => p - q);
  const out = [];
  for (let i = 0; i + 1 < batas.length; i++) {
    const a = batas[i], z = batas[i + 1];
    out.push({ teks: dec.decode(b.subarray(a, z)), hits: rentang.filter((r) => r.a <= a && r.z >= z).map((r) => r.hit) });
  }
  return out;
}

function teksDisorot(teks, hits) {
  return h('p', { class: 'pos-teks', lang: 'id' }, potong(teks, hits).map((p) => (p.hits.length
    ? h('mark', { class: p.hits.length > 1 ? 'ganda' : false, title: p.hits.map((x) => x.aturan).join(', '),
      'data-aturan': p.hits.map((x) => x.aturan).join(' ') }, p.teks)
    : p.teks)));
}

function kutipan(teks, x) {
  const b = enc.encode(teks);
  return dec.decode(b.subarray(Math.max(0, x.mulai), Math.min(b.length, x.akhir)));
}

const persen = (p) => (p === null || p === undefined ? '—' : `${Math.round(p * 1000) / 10}%`.replace('.', ','));

// ---------- presisi ----------
async function muatPresisi() {
  const el = $('#presisi');
  try {
    const r = await get('/api/v1/screen/presisi');
    const k = r.keseluruhan || {};
    replace(el,
      h('p', null, h('span', { class: 'angka-besar', id: 'presisi-angka' }, persen(k.presisi)),
        ' pos yang ditinjau ternyata relevan'),
      h('p', { class: 'bantuan' },
        `${angka(k.relevan)} relevan, ${angka(k.tidak_relevan)} tidak relevan, ${angka(k.menunggu)} menunggu. `,
        `Presisi = relevan ÷ (relevan + tidak relevan); pos diantrekan bila skor ≥ ${r.ambang ?? 50}.`),
      h('details', null, h('summary', null, 'Per kategori'),
        h('div', { class: 'tabel-gulir' }, h('table', null,
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Kategori'), h('th', { scope: 'col', class: 'angka' }, 'Relevan'),
            h('th', { scope: 'col', class: 'angka' }, 'Tidak relevan'), h('th', { scope: 'col', class: 'angka' }, 'Presisi'))),
          h('tbody', null, (r.per_kategori || []).map((x) => h('tr', null,
            h('td', null, x.label || x.kategori), h('td', { class: 'angka' }, angka(x.relevan)),
            h('td', { class: 'angka' }, angka(x.tidak_relevan)), h('td', { class: 'angka' }, persen(x.presisi)))))))));
  } catch (e) {
    replace(el, h('p', { class: 'galat' }, e.message));
  }
}

// ---------- keputusan ----------
function hasilKeputusan(it) {
  const kode = it.kasus_kode || (it.kasus && it.kasus.kode);
  return h('p', { class: 'pesan', 'data-jenis': it.status === 'relevan' ? 'sukses' : 'info', 'data-hasil': it.status },
    `${STATUS[it.status] || it.status}${it.diputus_oleh ? ' — oleh ' + it.diputus_oleh : ''}${it.diputus ? ', ' + waktu(it.diputus) : ''}. `,
    kode ? ['Temuan dibuat: ', h('a', { href: '/kasus.html?kode=' + encodeURIComponent(kode), class: 'kode-temuan' }, kode), '. '] : null,
    it.catatan ? h('span', { class: 'uraian' }, 'Catatan: ' + it.catatan) : null);
}

function formKeputusan(it, li) {
  const id = `k${it.id}`;
  const medan = (nama, label, el) => h('div', { class: 'medan' }, h('label', { for: `${id}-${nama}` }, label), el,
    h('span', { class: 'galat', id: `${id}-${nama}-galat` }));
  const catatan = h('textarea', { id: `${id}-catatan`, 'data-medan': 'catatan', maxlength: 1000, 'aria-describedby': `${id}-catatan-galat` });
  const nama = h('input', { id: `${id}-nama`, type: 'text', 'data-medan': 'terlapor.nama', value: it.pos.nama || '', maxlength: 200,
    'aria-describedby': `${id}-nama-galat` });
  const kat = h('select', { id: `${id}-kategori`, 'data-medan': 'terlapor.kategori', 'aria-describedby': `${id}-kategori-galat` },
    Object.entries(KATEGORI).map(([k, v]) => h('option', { value: k, selected: k === 'asn' }, v)));
  const instansi = h('input', { id: `${id}-instansi`, type: 'text', 'data-medan': 'terlapor.instansi', maxlength: 200,
    'aria-describedby': `${id}-instansi-galat` });
  const rezim = h('select', { id: `${id}-rezim`, 'data-medan': 'rezim', 'aria-describedby': `${id}-rezim-galat` },
    h('option', { value: 'pilkada' }, 'Pemilihan (pilkada)'), h('option', { value: 'pemilu' }, 'Pemilu'));
  const st = h('p', { class: 'pesan', role: 'status', 'aria-live': 'polite', hidden: true });
  const form = h('form', { class: 'keputusan-form', novalidate: true, 'aria-label': `Keputusan untuk butir ${it.id}` },
    medan('catatan', 'Catatan peninjau', catatan),
    h('details', null, h('summary', null, 'Data terlapor untuk temuan (bila relevan)'),
      medan('nama', 'Nama terlapor', nama), medan('kategori', 'Kategori terlapor', kat),
      medan('instansi', 'Instansi (boleh dikosongkan)', instansi), medan('rezim', 'Rezim', rezim)),
    st,
    h('div', { class: 'keputusan' },
      h('button', { type: 'button', class: 'tombol-relevan', 'data-keputusan': 'relevan', onclick: () => putus('relevan') }, 'Relevan — buat temuan'),
      h('button', { type: 'button', class: 'kedua tombol-tidak', 'data-keputusan': 'tidak_relevan', onclick: () => putus('tidak_relevan') }, 'Tidak relevan')));

  async function putus(keputusan) {
    bersihkanGalat(form);
    const body = { keputusan };
    if (catatan.value.trim()) body.catatan = catatan.value.trim();
    if (keputusan === 'relevan') {
      body.rezim = rezim.value;
      body.terlapor = { nama: nama.value.trim(), kategori: kat.value };
      if (instansi.value.trim()) body.terlapor.instansi = instansi.value.trim();
    }
    const tombol = form.querySelectorAll('button');
    tombol.forEach((b) => { b.disabled = true; });
    status(st, keputusan === 'relevan' ? 'Membuat temuan…' : 'Menyimpan…', 'tunggu');
    try {
      const r = await post(`/api/v1/screen/antrian/${encodeURIComponent(it.id)}/keputusan`, body);
      li.dataset.status = r.status;
      form.replaceWith(hasilKeputusan({ ...it, ...r, diputus: new Date().toISOString() }));
      muatPresisi();
    } catch (e) {
      tombol.forEach((b) => { b.disabled = false; });
      let el = e instanceof ApiError && e.field ? form.querySelector(`[data-medan="${CSS.escape(e.field)}"]`) : null;
      if (el) {
        if (el.closest('details')) el.closest('details').open = true;
        el.setAttribute('aria-invalid', 'true');
        document.getElementById(el.id + '-galat').textContent = e.message;
        el.focus();
      }
      status(st, e.message, 'galat');
    }
  }
  return form;
}

// ---------- daftar ----------
function tautanAman(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch { return null; }
}

function butir(it) {
  const pos = it.pos || {};
  const teks = pos.teks || '';
  const li = h('li', { 'data-id': it.id, 'data-status': it.status });
  const url = tautanAman(pos.url);
  li.append(
    h('h3', null, `Butir #${it.id} · `, h('span', { class: 'skor' }, `skor ${it.skor}`), ' · ',
      (it.kategori || []).join(', ').replace(/_/g, ' ')),
    h('p', { class: 'pos-meta' },
      [pos.platform, pos.akun, pos.nama].filter(Boolean).join(' · ') || 'Tanpa identitas akun',
      pos.waktu ? ' · ' + waktu(pos.waktu) : '',
      url ? [' · ', h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'buka pos')] : null),
    teksDisorot(teks, it.hits),
    h('ul', { class: 'hit-daftar', 'aria-label': 'Aturan yang cocok' }, (it.hits || []).map((x) => h('li', { 'data-aturan': x.aturan },
      h('strong', null, x.aturan), ' ', h('q', null, kutipan(teks, x)), ` (bobot ${x.bobot}) — `, x.penjelasan))),
    h('p', { class: 'pos-meta mono' }, `SHA-256 tangkapan: ${it.sha256 || '—'} · diajukan ${it.diajukan_oleh || '—'}, ${waktu(it.diajukan)}`),
    it.status === 'menunggu' ? formKeputusan(it, li) : hasilKeputusan(it));
  return li;
}

async function muat() {
  const m = $('#muat');
  const st = $('#f-status').value;
  status(m, 'Memuat antrean…', 'info');
  const q = new URLSearchParams({ halaman: String(halaman), per_halaman: String(PER_HALAMAN) });
  if (st) q.set('status', st);
  try {
    const r = await get('/api/v1/screen/antrian?' + q);
    const items = r.items || [];
    replace($('#daftar'), items.map(butir));
    if (!items.length) status(m, st === 'menunggu' ? 'Tidak ada pos yang menunggu tinjauan.' : 'Tidak ada butir.', 'info');
    else status(m, '');
    const maks = Math.max(1, Math.ceil((r.total || 0) / PER_HALAMAN));
    const nav = $('#halaman');
    clear(nav);
    if (maks > 1) {
      const ke = (n, t) => h('button', { type: 'button', class: 'kedua', disabled: n < 1 || n > maks, onclick: () => { halaman = n; muat(); } }, t);
      nav.append(ke(halaman - 1, '‹ Sebelumnya'), h('span', null, `Halaman ${halaman} dari ${maks} (${angka(r.total)} butir)`), ke(halaman + 1, 'Berikutnya ›'));
    }
    document.body.dataset.siap = '1';
  } catch (e) {
    status(m, e.message, 'galat');
  }
}

// ---------- unggah JSONL ----------
export function uraiJsonl(teks) {
  const posts = [];
  const ditolak = [];
  teks.split(/\r?\n/).forEach((baris, i) => {
    const t = baris.trim();
    if (!t) return;
    let o;
    try { o = JSON.parse(t); } catch { ditolak.push(`baris ${i + 1}: bukan JSON`); return; }
    if (!o || typeof o !== 'object' || Array.isArray(o)) { ditolak.push(`baris ${i + 1}: bukan objek`); return; }
    if (typeof o.teks !== 'string' || !o.teks) { ditolak.push(`baris ${i + 1}: kolom teks kosong`); return; }
    posts.push(o);
  });
  return { posts, ditolak };
}

async function unggah(ev) {
  ev.preventDefault();
  const f = $('#berkas-jsonl').files[0];
  const hasil = $('#unggah-hasil');
  if (!f) { status(hasil, 'Pilih berkas JSONL dulu.', 'galat'); $('#berkas-jsonl').focus(); return; }
  const { posts, ditolak } = uraiJsonl(await f.text());
  if (!posts.length) { status(hasil, 'Tidak ada pos yang dapat dibaca di berkas ini.' + (ditolak.length ? ' ' + ditolak.slice(0, 5).join('; ') : ''), 'galat'); return; }
  const prog = $('#unggah-kemajuan');
  prog.hidden = false; prog.max = posts.length; prog.value = 0;
  const tombol = $('#tombol-saring');
  tombol.disabled = true;
  let jumlah = 0, diantrekan = 0, baru = 0, galat = null;
  for (let i = 0; i < posts.length; i += BATCH) {
    status(hasil, `Menyaring pos ${angka(i + 1)}–${angka(Math.min(posts.length, i + BATCH))} dari ${angka(posts.length)}…`, 'tunggu');
    try {
      const r = await post('/api/v1/screen', { posts: posts.slice(i, i + BATCH) });
      jumlah += r.jumlah || 0; diantrekan += r.diantrekan || 0; baru += r.baru ?? r.diantrekan ?? 0;
      prog.value = Math.min(posts.length, i + BATCH);
    } catch (e) {
      galat = `Berhenti pada pos ke-${angka(i + 1)}: ${e.message}`;
      break;
    }
  }
  tombol.disabled = false;
  const ringkas = `${angka(jumlah)} pos disaring, ${angka(diantrekan)} terjaring (${angka(baru)} baru di antrean).`
    + (ditolak.length ? ` ${angka(ditolak.length)} baris dilewati: ${ditolak.slice(0, 5).join('; ')}${ditolak.length > 5 ? '; …' : ''}.` : '');
  status(hasil, galat ? `${galat} ${ringkas}` : ringkas, galat ? 'galat' : 'sukses');
  hasil.dataset.selesai = '1';
  halaman = 1;
  await Promise.all([muat(), muatPresisi()]);
}

await mulaiStaf('antrian');
$('#form-unggah').addEventListener('submit', unggah);
$('#saringan').addEventListener('submit', (ev) => { ev.preventDefault(); halaman = 1; muat(); });
await Promise.all([muat(), muatPresisi()]);
