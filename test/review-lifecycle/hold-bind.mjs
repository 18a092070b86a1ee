// Preload for `node --import` (via NODE_OPTIONS): in a DNS worker process (node:cluster) that
// reaches its first UDP bind while REVIEW_HOLD_DIR/on exists, the bind never completes, so the
// worker stays there, a step before ready, for good; `held-PID` in REVIEW_HOLD_DIR says it got
// there (its signal handlers and the store are set up by then). Without it a test that signals a
// worker "during start-up" after a fixed delay, or "as soon as it exists", races the worker's
// start-up: on a busy machine the test may look only after the worker is ready, and then waits
// for an exit that never comes. It changes nothing else; the primary process is left as it is.
import cluster from 'node:cluster';
import dgram from 'node:dgram';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.REVIEW_HOLD_DIR;
if (cluster.isWorker && dir) {
  const bind = dgram.Socket.prototype.bind;
  dgram.Socket.prototype.bind = function (...args) {
    if (!existsSync(join(dir, 'on'))) return bind.apply(this, args);
    writeFileSync(join(dir, `held-${process.pid}`), '');
    return this;
  };
}
