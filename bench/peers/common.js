// What both peer runners share: read the profiles once, time the evaluation
// loop (best of 3), write one status letter per person and service.
'use strict';
const fs = require('fs');

const SERVICES = ['yuquan-home-care', 'yuquan-meal-assistance'];
const LETTER = { eligible: 'e', maybe: 'm', ineligible: 'i' };

/**
 * Reads a JSON-lines file into an array of plain objects. Not part of the timed
 * loop; how long JSON.parse took is returned as `parseMs`, for reference.
 */
function loadProfiles(file) {
  const text = fs.readFileSync(file, 'utf8');
  const t0 = process.hrtime.bigint();
  const people = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') people.push(JSON.parse(line));
  }
  loadProfiles.parseMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return people;
}

/**
 * Runs `evaluate(person) -> [status, status]` over every person, first WARMUP
 * times untimed (so the JIT has compiled the hot paths: this favours the peer),
 * then RUNS times timed; returns the times, the best, and the statuses of the
 * last run.
 */
function timeRuns(people, evaluate, runs = 3, warmup = 1) {
  for (let r = 0; r < warmup; r++) {
    for (let i = 0; i < people.length; i++) evaluate(people[i]);
  }
  const times = [];
  let statuses = null;
  for (let r = 0; r < runs; r++) {
    const out = new Array(people.length);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < people.length; i++) out[i] = evaluate(people[i]);
    const t1 = process.hrtime.bigint();
    times.push(Number(t1 - t0) / 1e6);
    statuses = out;
  }
  return { times_ms: times, best_ms: Math.min(...times), statuses };
}

/** One line per person: one letter per service (e eligible, m maybe, i ineligible). */
function writeStatuses(file, statuses) {
  const lines = statuses.map((pair, i) => {
    return pair
      .map((s) => {
        const l = LETTER[s];
        if (!l) throw new Error(`person ${i + 1}: unexpected status ${JSON.stringify(s)}`);
        return l;
      })
      .join('');
  });
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

module.exports = { SERVICES, loadProfiles, timeRuns, writeStatuses };
