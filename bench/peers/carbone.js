// Carbone: carbone.render(templatePath, data) per document (Carbone takes a
// path; the file stays in the page cache). DOCX->DOCX and ODT->ODT need no
// LibreOffice (only conversions do).
'use strict';
const os = require('os');
const carbone = require('carbone');
carbone.set({ tempPath: os.tmpdir() });
require('./common').main('carbone', (template, data, path) => new Promise((resolve, reject) => {
  carbone.render(path, data, {}, (err, result) => (err ? reject(err) : resolve(result)));
}));
