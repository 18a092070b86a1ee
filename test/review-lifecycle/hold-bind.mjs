// Preload for `node --import` (via NODE_OPTIONS): in a DNS worker process (node:cluster), the
// worker's first UDP bind never completes, so the worker stays where it is, a step before
// ready, for good; `held-PID` in REVIEW_HOLD_DIR says it got there (its signal handlers and the
// store are set up by then). Without it a test that signals a worker "during start-up" after a
// fixed delay races the worker's start-up: on a busy machine the test may look only after the
// worker is ready (or before it has its handlers), and the test then waits for an exit that
// never comes. It changes nothing else; the primary process is left as it is.
import cluster from 'node:cluster';
import dgram from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.REVIEW_HOLD_DIR;
if (cluster.isWorker && dir) {
  dgram.Socket.prototype.bind = function () {
    writeFileSync(join(dir, `held-${process.pid}`), '');
    return this;
  };
}
