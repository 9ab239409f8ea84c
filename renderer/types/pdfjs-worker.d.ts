// pdf.js ships its worker module without types; the import worker only needs to load it.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs';
