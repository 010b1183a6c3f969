// dom.js — kecil dan aman: membuat elemen tanpa innerHTML.
// Semua teks masuk lewat textContent/createTextNode, jadi data dari server atau
// pengguna tidak pernah ditafsirkan sebagai HTML.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// h('a', {href: '/x', class: 'tombol'}, 'teks', anak...)
// Atribut bernilai false/null/undefined dilewati; "on*" dipasang sebagai listener.
export function h(tag, attrs, ...children) {
  const svg = ['svg', 'path', 'g', 'rect', 'text', 'title', 'line'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag)
                 : document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'style') throw new Error('atribut style dilarang oleh CSP');
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

export function params() {
  return new URLSearchParams(location.search);
}

// Pesan status untuk wilayah aria-live (role=status).
export function status(el, teks, jenis = 'info') {
  if (!el) return;
  el.textContent = teks || '';
  el.dataset.jenis = jenis;
  el.hidden = !teks;
}

// Hapus tanda galat medan dalam form: pesan .galat dan aria-invalid.
export function bersihkanGalat(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.galat')) el.textContent = '';
}
