#!/usr/bin/env node
// json-logic-js on the two Yuquan services.
//   node peers/jsonlogic.js PROFILES.jsonl STATUSES.txt
// Prints {"engine", "version", "n", "times_ms", "best_ms"} on standard output.
'use strict';
const jsonLogic = require('json-logic-js');
const { SERVICES, loadProfiles, timeRuns, writeStatuses } = require('./common');
const RULES = require('./yuquan.jsonlogic');

const [profilesFile, statusFile] = process.argv.slice(2);
const people = loadProfiles(profilesFile); // parsed once, outside the timing
const rules = SERVICES.map((id) => RULES[id]);

const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const result = timeRuns(people, (person) => rules.map((rule) => jsonLogic.apply(rule, person)), 3, warmup);
writeStatuses(statusFile, result.statuses);
console.log(JSON.stringify({
  engine: 'json-logic-js',
  version: require('./version')('json-logic-js'),
  n: people.length,
  warmup_runs: warmup,
  parse_ms: loadProfiles.parseMs,
  times_ms: result.times_ms,
  best_ms: result.best_ms,
}));
