// Preload for `node --import` (via NODE_OPTIONS): holds this process at its first
// `BEGIN IMMEDIATE` until REVIEW_BARRIER_N processes have reached theirs (arrival files in
// REVIEW_BARRIER_DIR; at most 10 s). It changes no behaviour of the store, it only makes a
// race window that exists anyway (everything a process read before its first write
// transaction) line up the same way on every run.
import { DatabaseSync } from 'node:sqlite';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.REVIEW_BARRIER_DIR;
const n = Number(process.env.REVIEW_BARRIER_N ?? '2');
const exec = DatabaseSync.prototype.exec;
let arrived = false;
DatabaseSync.prototype.exec = function (sql) {
  if (!arrived && dir && sql === 'BEGIN IMMEDIATE') {
    arrived = true;
    writeFileSync(join(dir, `arrived-${process.pid}`), '');
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + 10_000;
    while (readdirSync(dir).filter((f) => f.startsWith('arrived-')).length < n && Date.now() < deadline) Atomics.wait(cell, 0, 0, 5);
  }
  return exec.call(this, sql);
};
