"""Streamlit's own English interface strings, shown in Bahasa Indonesia.

Streamlit has no translation setting. ``install_translations`` puts a small script in the page
(``st.html`` with JavaScript, no iframe) that rewrites the texts, ``aria-label`` and ``title``
attributes Streamlit draws ("Skip to main content", "Help for ...", the uploader's "Drag and
drop file here", "Limit 20MB per file", "File must be 20MB or smaller", "Running...", "Stop")
whenever they appear (a ``MutationObserver``). The script holds only the fixed tables below,
never user data.
"""

from __future__ import annotations

import json

import streamlit as st

# Whole texts (trimmed) -> Indonesian.
EXACT = {
    "Skip to main content": "Langsung ke isi utama",
    "Drag and drop file here": "Seret dan lepas berkas di sini",
    "Drag and drop files here": "Seret dan lepas berkas di sini",
    "Browse files": "Pilih berkas",
    "Upload": "Unggah",
    "Running...": "Memproses...",
    "Stop": "Hentikan",
    "Rerun": "Jalankan ulang",
    "Press Enter to apply": "Tekan Enter untuk menerapkan",
    "Press Enter to submit form": "Tekan Enter untuk mengirim",
    "Choose an option": "Pilih salah satu",
    "Choose options": "Pilih",
    "No results": "Tidak ada hasil",
    "Clear all": "Hapus semua",
    "Show password text": "Tampilkan",
    "Close": "Tutup",
    "Open": "Buka",
    "Link to heading": "Tautan ke judul",
    "Scroll tabs right": "Geser tab ke kanan",
    "Scroll tabs left": "Geser tab ke kiri",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Download as CSV": "Unduh sebagai CSV",
    "Search": "Cari",
    "Add row": "Tambah baris",
    "Delete row(s)": "Hapus baris",
    "Main menu": "Menu utama",
    "Settings": "Pengaturan",
    "Print": "Cetak",
    "Clear cache": "Kosongkan cache",
    "About": "Tentang",
    "Connection error": "Koneksi terputus",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in "
    "your terminal:": "Apakah `roadmap app` masih berjalan? Jika terhenti, jalankan lagi di "
                      "terminal:",
}
# Regular expressions (JavaScript syntax) -> replacement ($1 = first group).
PATTERNS = [
    (r"^Help for (.*)$", "Bantuan untuk $1"),
    (r"^Limit (.+) per file(.*)$", "Batas $1 per berkas$2"),
    (r"^(.+) per file(.*)$", "$1 per berkas$2"),
    (r"^File must be (.+) or smaller\.?$", "Berkas harus $1 atau lebih kecil."),
    (r"^(.*) is not an allowed file type\.?$", "$1 bukan jenis berkas yang diizinkan."),
    (r"^file type not allowed\.?$", "Jenis berkas tidak diizinkan."),
    (r"^Running (.*)\.\.\.$", "Menjalankan $1..."),
]

SCRIPT = """
<script>
(() => {
  const exact = %(exact)s;
  const patterns = %(patterns)s.map(([p, r]) => [new RegExp(p), r]);
  const doc = window.parent ? window.parent.document : document;
  const tr = (text) => {
    if (!text) return null;
    const key = text.trim();
    if (Object.prototype.hasOwnProperty.call(exact, key)) return text.replace(key, exact[key]);
    for (const [re, rep] of patterns) { if (re.test(key)) return key.replace(re, rep); }
    return null;
  };
  const fix = (root) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const t = tr(node.nodeValue);
      if (t !== null && t !== node.nodeValue) node.nodeValue = t;
    }
    const els = root.querySelectorAll ? root.querySelectorAll('[aria-label],[title]') : [];
    for (const el of els) {
      for (const a of ['aria-label', 'title']) {
        const v = el.getAttribute(a); const t = tr(v);
        if (t !== null && t !== v) el.setAttribute(a, t);
      }
    }
  };
  if (doc.__roadmapI18n) return;
  doc.__roadmapI18n = true;
  doc.documentElement.lang = 'id';
  fix(doc.body);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') { const t = tr(r.target.nodeValue);
        if (t !== null && t !== r.target.nodeValue) r.target.nodeValue = t; }
      else if (r.type === 'attributes') { const v = r.target.getAttribute(r.attributeName);
        const t = tr(v); if (t !== null && t !== v) r.target.setAttribute(r.attributeName, t); }
      else { for (const n of r.addedNodes) {
        if (n.nodeType === 3) { const t = tr(n.nodeValue); if (t !== null) n.nodeValue = t; }
        else if (n.nodeType === 1) fix(n); } }
    }
  }).observe(doc.body, {subtree: true, childList: true, characterData: true,
                        attributes: true, attributeFilter: ['aria-label', 'title']});
})();
</script>
"""


def translation_script() -> str:
    return SCRIPT % {"exact": json.dumps(EXACT), "patterns": json.dumps(PATTERNS)}


# Fit a 1366×768 laptop screen: less empty space around the page, a smaller title, tabs that
# all show without scrolling.
LAYOUT_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 1.5rem 3rem 1.5rem; max-width: none; }
h1 { font-size: 1.9rem !important; padding-top: 0 !important; }
[data-baseweb="tab-list"] { gap: 0.9rem; }
[data-baseweb="tab"] p { font-size: 0.92rem; }
</style>
"""


def install_translations() -> None:
    """Put the translating script and the layout rules in the page (the script installs
    itself once)."""
    st.html(LAYOUT_CSS + translation_script(), unsafe_allow_javascript=True, width="content")
