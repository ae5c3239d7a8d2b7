// Shared harness for the peer engines: load the template bytes and the data
// once, render N times in-process (after warm-up), print the median.
//   node ENGINE.js TEMPLATE DATA.json N OUT [WARMUP]
// Prints one line: "<engine> median_ms=<m> min_ms=<m> n=<N> bytes=<size>".
'use strict';
const fs = require('fs');

async function main(engine, render) {
  const [tpl, dataPath, nArg, out, wArg] = process.argv.slice(2);
  if (!tpl || !dataPath) {
    console.error(`usage: node ${engine}.js TEMPLATE DATA.json N OUT [WARMUP]`);
    process.exit(2);
  }
  const n = parseInt(nArg || '20', 10);
  const warm = parseInt(wArg || String(Math.min(5, n)), 10);
  const template = fs.readFileSync(tpl);
  const data = JSON.parse(fs.readFileSync(dataPath, 'utf8'));
  let last;
  for (let i = 0; i < warm; i++) last = await render(template, data, tpl);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    last = await render(template, data, tpl);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (out) fs.writeFileSync(out, last);
  times.sort((a, b) => a - b);
  const med = times.length % 2 ? times[(times.length - 1) / 2]
                               : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  console.log(`${engine} median_ms=${med.toFixed(3)} min_ms=${times[0].toFixed(3)} n=${n} ` +
              `bytes=${last.length} rss_mb=${(process.memoryUsage().rss / 1048576).toFixed(0)}`);
}

module.exports = { main };
