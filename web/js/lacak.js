// lacak.js — status publik laporan berdasarkan kode. Tanpa data pribadi.
import { $, h, replace, params } from './dom.js';
import { get } from './api.js';
import { pasangInfoAntrian, pasangHapusJejak } from './publik.js';
import { waktu, tanggal } from './format.js';

pasangInfoAntrian();
pasangHapusJejak();
const form = $('#form-lacak');
const input = $('#kode');

function rapikan(k) {
  return k.trim().toUpperCase().replace(/\s+/g, '');
}

async function lacak(kode) {
  const g = $('#galat-kode');
  g.textContent = '';
  input.removeAttribute('aria-invalid');
  if (!kode) { g.textContent = 'Masukkan kode pelacakan.'; input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
  try {
    const r = await get('/api/v1/lacak/' + encodeURIComponent(kode));
    $('#hasil-kode').textContent = r.kode;
    $('#hasil-diperiksa').hidden = !r.segel_rusak;
    $('#hasil-tahap').textContent = r.tahap_label || r.tahap;
    $('#hasil-tahap').dataset.tahap = r.tahap;
    $('#hasil-diterima').textContent = waktu(r.diterima);
    const t = r.tenggat;
    replace($('#hasil-tenggat'), t ? [t.label ? t.label + ': ' : '', tanggal(t.jatuh_tempo), h('br'), h('span', { class: 'bantuan' }, 'Dasar: ' + (t.dasar || '—'))] : 'Tidak ada batas waktu yang berjalan.');
    replace($('#hasil-riwayat'), (r.riwayat || []).map((x) => h('li', null, h('strong', null, x.tahap_label || x.tahap), h('span', { class: 'kapan' }, waktu(x.waktu)))));
    $('#hasil').hidden = false;
    history.replaceState(null, '', '?kode=' + encodeURIComponent(kode));
    $('#hasil-judul').focus();
  } catch (e) {
    $('#hasil').hidden = true;
    g.textContent = e.status === 404 ? 'Kode tidak ditemukan. Periksa kembali penulisannya.' : e.message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

form.addEventListener('submit', (ev) => { ev.preventDefault(); lacak(rapikan(input.value)); });
const awal = params().get('kode');
if (awal) { input.value = awal; lacak(rapikan(awal)); }
