#!/usr/bin/env node
// Generates N random profiles, one JSON object of contract answers per line
// (shared/CONTRACT.md), every fact answered, with a fixed seed: the same N and
// seed give the same file, byte for byte, on any machine.
//
//   node bench/gen.js N [SEED] > profiles.jsonl

'use strict';

const N = Number(process.argv[2] ?? 100000);
const SEED = Number(process.argv[3] ?? 20261122);
if (!Number.isInteger(N) || N < 1) {
  console.error(`gen.js: N must be a whole number >= 1, got ${process.argv[2]}`);
  process.exit(2);
}

// mulberry32: a small, well-known 32-bit PRNG; deterministic across platforms.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const chance = (p) => rnd() < p;
// Weighted choice: [[value, weight], ...].
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [v, w] of pairs) {
    if ((r -= w) < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

const ECONOMIC = [['tekun_scattered', 1], ['tekun_concentrated', 1], ['dibao', 2], ['dibao_edge', 2], ['low_income', 1], ['none', 5]];
const ABILITY = [['intact', 3], ['mild', 2], ['moderate', 2], ['severe', 2], ['total', 1]];
const LIVING = [['alone', 1], ['empty_nest', 1], ['left_behind', 1], ['with_family', 2]];
const FP_FAMILY = [['none', 6], ['bereaved', 1], ['disabled_child', 1]];
const DISABILITY_KIND = ['physical', 'intellectual', 'mental', 'visual', 'hearing', 'speech', 'multiple'];

const out = [];
const flush = () => {
  if (out.length) {
    process.stdout.write(out.join(''));
    out.length = 0;
  }
};
for (let i = 1; i <= N; i++) {
  const grade = weighted([[0, 6], [1, 1], [2, 1], [3, 1], [4, 1]]);
  const p = {
    ref: `P${String(i).padStart(7, '0')}`,
    age: int(55, 105),
    lives_in_region: chance(0.85),
    economic: weighted(ECONOMIC),
    ability: weighted(ABILITY),
    dementia: chance(0.2),
    disability_grade: grade,
    disability_kind: pick(DISABILITY_KIND),
    living: weighted(LIVING),
    fp_family: weighted(FP_FAMILY),
    fp_special_support: chance(0.15),
    contributor: chance(0.1),
    military_priority: chance(0.1),
    no_supporter: chance(0.1),
    ltc_insurance: chance(0.15),
    institution_subsidy: chance(0.15),
  };
  // Answers that contradict each other are refused (rules/vocabulary.toml,
  // [[implications]]): 特困 implies no_supporter, and 计生特扶 a 计划生育特殊家庭.
  // The draws above are kept, so the random sequence is the same.
  if (p.economic === 'tekun_scattered' || p.economic === 'tekun_concentrated') p.no_supporter = true;
  if (p.fp_family === 'none') p.fp_special_support = false;
  out.push(JSON.stringify(p) + '\n');
  if (out.length === 4096) flush();
}
flush();
