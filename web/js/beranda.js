// beranda.js — halaman publik selain formulir: kirim antrean yang tertunda,
// dan bagian "hapus jejak" untuk perangkat bersama.
import { pasangInfoAntrian, pasangHapusJejak } from './publik.js';
pasangInfoAntrian();
pasangHapusJejak();
