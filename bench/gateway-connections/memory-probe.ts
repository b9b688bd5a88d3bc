import { answerRequests } from './ipc-responder.js';

/**
 * Preloaded (`node --expose-gc --import …/memory-probe.js`) into both the
 * Aether server and the bare Socket.IO server, so both are measured the same
 * way without changing the server's code: on request it collects garbage
 * and answers process.memoryUsage(). Nothing else runs in the server.
 */
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('memory-probe needs node --expose-gc');

answerRequests(
  {
    memory: () => {
      // Twice: the first pass can leave weakly held objects that the second frees.
      collect();
      collect();
      return process.memoryUsage();
    },
  },
  { keepAlive: false },
);
