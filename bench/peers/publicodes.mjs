#!/usr/bin/env node
// Publicodes on the two Yuquan services.
//   node peers/publicodes.mjs PROFILES.jsonl STATUSES.txt
// Prints {"engine", "version", "n", "times_ms", "best_ms"} on standard output.
import Engine from 'publicodes';
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { SERVICES, loadProfiles, timeRuns, writeStatuses } = require('./common.js');

const RULE = { 'yuquan-home-care': 'yuquan home care', 'yuquan-meal-assistance': 'yuquan meal assistance' };
const rules = parse(readFileSync(new URL('./yuquan.publicodes.yaml', import.meta.url), 'utf8'));
const engine = new Engine(rules);
const names = SERVICES.map((id) => RULE[id]);

/** A contract answers object as a Publicodes situation. */
function situation(person) {
  const s = {};
  for (const [key, value] of Object.entries(person)) {
    if (key === 'ref') continue;
    const name = `personne . ${key}`;
    if (typeof value === 'boolean') s[name] = value ? 'oui' : 'non';
    else if (typeof value === 'number') s[name] = value;
    else s[name] = `'${value}'`;
  }
  return s;
}

function status(node) {
  if (node.nodeValue === true) return 'eligible';
  if (node.nodeValue === false) return 'ineligible';
  if (node.nodeValue === undefined) return 'maybe';
  return `unexpected value ${JSON.stringify(node.nodeValue)}`;
}

const [profilesFile, statusFile] = process.argv.slice(2);
// Parsed once and turned into situations, outside the timing.
const situations = loadProfiles(profilesFile).map(situation);

const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const result = timeRuns(
  situations,
  (s) => {
    engine.setSituation(s);
    return names.map((name) => status(engine.evaluate(name)));
  },
  3,
  warmup,
);
writeStatuses(statusFile, result.statuses);
console.log(JSON.stringify({
  engine: 'publicodes',
  version: require('./version.js')('publicodes'),
  n: situations.length,
  warmup_runs: warmup,
  parse_ms: loadProfiles.parseMs,
  times_ms: result.times_ms,
  best_ms: result.best_ms,
}));
