// The pack's verify.mjs: a checker that needs nothing but Node (any version with node:crypto and node:fs) and
// the pack's own files, so a third party — the operator, 12321, a court's expert — can check the evidence
// without Ringfence. Kept as text here and written into every pack; test/main/history/pack.test.ts runs it.
export const verifyScript = String.raw`#!/usr/bin/env node
// verify.mjs — checks a Ringfence evidence pack with Node's built-ins only. Run: node verify.mjs
// It recomputes the hash chain in chain.jsonl (hash_n = SHA-256(hash_n-1 + "\n" + SHA-256(content_n))),
// checks that it ends at the chain head, that every checkpoint in checkpoints.json it reaches matches, and that
// every call in calls.json is the call the chain holds. Exit 0: the pack holds; exit 1: it says what does not.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const problems = [];
const say = (line) => process.stdout.write(line + '\n');

const lines = readFileSync(join(here, 'chain.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const header = JSON.parse(lines[0]);
if (header.format !== 'ringfence-chain-segment') throw new Error('chain.jsonl is not a Ringfence chain segment');
let previous = header.startHash;
let expected = header.fromId;
const contents = new Map();
const hashes = new Map();
for (const line of lines.slice(1)) {
  const entry = JSON.parse(line);
  if (entry.id !== expected) { problems.push('entry ' + expected + ' is missing from chain.jsonl (found ' + entry.id + ')'); break; }
  let digest;
  if (Array.isArray(entry.content)) {
    digest = sha256(JSON.stringify(entry.content));
    if (entry.content[1] !== entry.id) problems.push('entry ' + entry.id + ': its content names record ' + entry.content[1]);
    contents.set(entry.id, entry.content);
  } else if (typeof entry.digest === 'string' && /^[0-9a-f]{64}$/.test(entry.digest)) {
    digest = entry.digest; // a call not covered by this pack: only its digest is carried
  } else { problems.push('entry ' + entry.id + ' has neither content nor digest'); break; }
  previous = sha256(previous + '\n' + digest);
  hashes.set(entry.id, previous);
  expected++;
}
const lastId = expected - 1;
if (lastId !== header.toId) problems.push('chain.jsonl ends at entry ' + lastId + ', its header says ' + header.toId);
if (previous !== header.head) problems.push('the chain recomputes to ' + previous + ', not to the head ' + header.head);
else say('chain holds: entries ' + header.fromId + ' to ' + lastId + ' recompute to the head ' + header.head);

// Checkpoints: the head written down outside the database at other times.
const checkpoints = JSON.parse(readFileSync(join(here, 'checkpoints.json'), 'utf8'));
for (const c of checkpoints.checkpoints) {
  const h = c.lastId === header.fromId - 1 ? header.startHash : hashes.get(c.lastId);
  if (h === undefined) say('checkpoint of ' + c.at + ' (record ' + c.lastId + ') is outside this pack: check it with ringfence verify on the original data');
  else if (h === c.head) say('checkpoint of ' + c.at + ' (record ' + c.lastId + ') matches');
  else problems.push('checkpoint of ' + c.at + ' (record ' + c.lastId + ', ' + c.source + ') does not match: the chain has ' + h);
}

// The calls: each one in calls.json must be the content the chain holds for its id.
const calls = JSON.parse(readFileSync(join(here, 'calls.json'), 'utf8')).calls;
// Positions in a call's content (canonical version 2, see HOW-TO-VERIFY.txt).
const at = { id: 1, callKey: 3, lineId: 4, simulated: 5, startedAt: 6, number: 16, normalized: 17, presentation: 18, name: 19, action: 22, reason: 23, outcome: 28 };
let checked = 0;
for (const call of calls) {
  const content = contents.get(call.id);
  if (!content) { problems.push('call ' + call.id + ' in calls.json is not in chain.jsonl'); continue; }
  const mine = { id: call.id, callKey: call.callKey, lineId: call.lineId, simulated: call.simulated ? 1 : 0, startedAt: call.startedAt, number: call.number,
    normalized: call.normalized, presentation: call.presentation, name: call.name, action: call.decision.action, reason: call.decision.reason, outcome: call.outcome };
  for (const [key, position] of Object.entries(at)) {
    if (content[position] !== mine[key]) problems.push('call ' + call.id + ': ' + key + ' in calls.json (' + JSON.stringify(mine[key]) + ') differs from the chain (' + JSON.stringify(content[position]) + ')');
  }
  if (hashes.get(call.id) !== call.hash) problems.push('call ' + call.id + ': its hash in calls.json is not the chain\'s');
  checked++;
}
say(checked + ' calls in calls.json match the chain');
if (problems.length) {
  for (const p of problems) say('PROBLEM: ' + p);
  process.exit(1);
}
say('the pack holds');
`;
