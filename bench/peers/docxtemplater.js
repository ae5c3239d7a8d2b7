// docxtemplater + pizzip. A Docxtemplater object renders once, so each document
// re-opens the (already loaded) template bytes: that is the library's API.
'use strict';
const PizZip = require('pizzip');
const Docxtemplater = require('docxtemplater');
require('./common').main('docxtemplater', (template, data) => {
  const zip = new PizZip(template);
  const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: false });
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
});
