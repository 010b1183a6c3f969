// lencana.js — lencana tenggat berwarna menurut sisa waktu.
import { h } from './dom.js';
import { kelasTenggat, teksSisa } from './format.js';

export function lencanaTenggat(tenggat) {
  const k = kelasTenggat(tenggat);
  const cls = { terlambat: 'terlambat', '24jam': 'k24jam', '3hari': 'k3hari', aman: 'aman' }[k] || 'tidak_ada';
  const el = h('span', { class: 'lencana ' + cls, 'data-kelas': k }, teksSisa(tenggat));
  if (tenggat && tenggat.dasar) el.title = `${tenggat.label ? tenggat.label + ' — ' : ''}${tenggat.dasar}`;
  return el;
}
