// format.js — label dan format tampilan dalam Bahasa Indonesia.

export const KATEGORI = {
  asn: 'ASN (PNS)',
  pppk: 'PPPK',
  tni: 'Anggota TNI',
  polri: 'Anggota Polri',
  kepala_desa: 'Kepala desa / lurah',
  perangkat_desa: 'Perangkat desa',
  bpd: 'Anggota BPD',
  lainnya: 'Lainnya',
};

export const JENIS_KASUS = {
  laporan: 'Laporan',
  temuan: 'Temuan',
  informasi_awal: 'Informasi awal',
};

export const STATUS = {
  diterima: 'Diterima',
  kajian_awal: 'Kajian awal',
  perlu_dilengkapi: 'Perlu dilengkapi',
  tidak_diregistrasi: 'Tidak diregistrasi',
  diregistrasi: 'Diregistrasi',
  klarifikasi: 'Klarifikasi',
  kajian: 'Kajian',
  putusan: 'Putusan',
  diteruskan: 'Diteruskan',
  ditindaklanjuti: 'Ditindaklanjuti',
  tidak_ditindaklanjuti: 'Tidak ditindaklanjuti',
  selesai: 'Selesai',
};

export const JENIS_PUTUSAN = {
  bukan_pelanggaran: 'Bukan pelanggaran',
  pelanggaran_administrasi: 'Pelanggaran administrasi',
  kode_etik_penyelenggara: 'Pelanggaran kode etik penyelenggara (ke DKPP)',
  pidana: 'Dugaan tindak pidana pemilihan (ke Gakkumdu)',
  pelanggaran_perundangan_lain: 'Pelanggaran peraturan perundang-undangan lainnya (netralitas)',
};

// Jenis sanksi yang dicatat pejabat berwenang (kode dari src/domain/workflow.c):
// PP 94/2021 Ps 8 (ringan, sedang, berat) dan sanksi moral SKB Netralitas ASN 2022.
export const JENIS_SANKSI = {
  pernyataan_tertutup: 'Sanksi moral: pernyataan secara tertutup',
  pernyataan_terbuka: 'Sanksi moral: pernyataan secara terbuka',
  teguran_lisan: 'Disiplin ringan: teguran lisan',
  teguran_tertulis: 'Disiplin ringan: teguran tertulis',
  pernyataan_tidak_puas: 'Disiplin ringan: pernyataan tidak puas secara tertulis',
  potong_tukin_6_bulan: 'Disiplin sedang: potongan tunjangan kinerja 25% selama 6 bulan',
  potong_tukin_9_bulan: 'Disiplin sedang: potongan tunjangan kinerja 25% selama 9 bulan',
  potong_tukin_12_bulan: 'Disiplin sedang: potongan tunjangan kinerja 25% selama 12 bulan',
  penurunan_jabatan: 'Disiplin berat: penurunan jabatan setingkat lebih rendah selama 12 bulan',
  pembebasan_jabatan: 'Disiplin berat: pembebasan dari jabatan menjadi pelaksana selama 12 bulan',
  pemberhentian_dengan_hormat: 'Disiplin berat: pemberhentian dengan hormat tidak atas permintaan sendiri',
  pemberhentian_tidak_dengan_hormat: 'Pemberhentian tidak dengan hormat',
  pidana: 'Pidana (putusan pengadilan)',
  sanksi_lain: 'Sanksi lain (TNI, Polri, kepala desa, …; jelaskan di catatan)',
};

export const ALASAN_TIDAK_REGISTRASI = {
  syarat_formal: 'Tidak memenuhi syarat formal',
  syarat_materiel: 'Tidak memenuhi syarat materiel',
  kedaluwarsa: 'Melewati batas waktu pelaporan (kedaluwarsa)',
};

export const PERAN = {
  pkd: 'Pengawas Kelurahan/Desa',
  panwascam: 'Panwaslu Kecamatan',
  bawaslu: 'Bawaslu Kabupaten/Kota',
  pemda: 'Pemerintah Daerah',
  bkn: 'BKN',
  admin: 'Administrator',
};

const TZ = 'Asia/Jakarta';

export function tanggal(s) {
  if (!s) return '—';
  const d = new Date(s.length === 10 ? s + 'T00:00:00+07:00' : s);
  if (Number.isNaN(d.getTime())) return String(s);
  return d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
}

export function waktu(s) {
  if (!s) return '—';
  if (s.length === 10) return tanggal(s);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return String(s);
  return d.toLocaleString('id-ID', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ }) + ' WIB';
}

export function ukuran(n) {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export function angka(n) {
  return Number(n || 0).toLocaleString('id-ID');
}

// Sisa waktu tenggat dalam jam (negatif = lewat). Dihitung ulang dari
// jatuh_tempo supaya hitung mundur tetap benar bila halaman dibiarkan terbuka.
export function sisaJam(tenggat, now = Date.now()) {
  if (!tenggat) return null;
  if (tenggat.jatuh_tempo) {
    const s = tenggat.jatuh_tempo;
    const t = Date.parse(s.length === 10 ? s + 'T23:59:59+07:00' : s);
    if (!Number.isNaN(t)) return (t - now) / 3600000;
  }
  return typeof tenggat.sisa_jam === 'number' ? tenggat.sisa_jam : null;
}

export function kelasTenggat(tenggat, now) {
  const j = sisaJam(tenggat, now);
  if (j === null) return tenggat && tenggat.kelas ? tenggat.kelas : 'tidak_ada';
  if (j < 0) return 'terlambat';
  if (j <= 24) return '24jam';
  if (j <= 72) return '3hari';
  return 'aman';
}

export function teksSisa(tenggat, now) {
  const j = sisaJam(tenggat, now);
  if (j === null) return 'Tanpa tenggat';
  const abs = Math.abs(j);
  let t;
  if (abs < 1) t = `${Math.max(1, Math.round(abs * 60))} menit`;
  else if (abs < 48) t = `${Math.round(abs)} jam`;
  else t = `${Math.floor(abs / 24)} hari`;
  return j < 0 ? `Terlambat ${t}` : `Sisa ${t}`;
}

export function judulKategori(k) { return KATEGORI[k] || k || '—'; }
