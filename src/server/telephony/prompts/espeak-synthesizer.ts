import { Worker } from 'node:worker_threads';

export interface SpeechRequest {
  text: string;
  /** An eSpeak NG voice name: 'es', 'ca', 'en-gb', … */
  voice: string;
  /** Words per minute (eSpeak's -s). */
  speedWpm: number;
  /** 0-99 (eSpeak's -p). */
  pitch: number;
  /** 0-200 (eSpeak's -a). */
  amplitude: number;
}

/** Renders text to a WAV file's bytes. */
export interface SpeechSynthesizer {
  synthesize(request: SpeechRequest): Promise<Uint8Array>;
  close(): Promise<void>;
}

// The worker is plain JavaScript evaluated from this string, so it runs whether or not the parent process
// loads TypeScript through tsx (workers do not inherit `--import` on Node 20).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let loaded;
const load = () => (loaded ??= Promise.all([
  import(workerData.moduleUrl),
  WebAssembly.compile(readFileSync(new URL(workerData.wasmUrl))),
]));
async function render(request) {
  const [espeak, wasm] = await load();
  const messages = [];
  const instance = await espeak.default({
    arguments: ['-v', request.voice, '-s', String(request.speedWpm), '-p', String(request.pitch),
      '-a', String(request.amplitude), '-w', '/out.wav', '-f', '/in.txt'],
    preRun: [(module) => module.FS.writeFile('/in.txt', request.text)],
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(wasm, imports).then((compiled) => receive(compiled, wasm));
      return {};
    },
    print: () => undefined,
    printErr: (line) => messages.push(line),
  });
  try {
    return instance.FS.readFile('/out.wav');
  } catch {
    throw new Error('eSpeak NG wrote no audio: ' + messages.filter((m) => !m.includes('keepRuntimeAlive')).join(' | '));
  }
}
let queue = Promise.resolve();
parentPort.on('message', ({ id, request }) => {
  queue = queue
    .then(() => render(request))
    .then((wav) => parentPort.postMessage({ id, wav }), (error) => parentPort.postMessage({ id, error: String(error && error.message || error) }));
});
`;

interface Pending {
  resolve: (wav: Uint8Array) => void;
  reject: (error: Error) => void;
}

type WorkerReply = { id: number; wav: Uint8Array } | { id: number; error: string };

/**
 * eSpeak NG (WASM, GPL-3.0) in a worker thread: a render takes 0.1-0.2 s of CPU, and on the main thread that
 * would stall the shared media scheduler and so every call's audio. The worker renders one request at a time
 * (each run instantiates a 32 MB WASM heap) and is unreferenced while idle so it never keeps the process up.
 */
export function createEspeakSynthesizer(): SpeechSynthesizer {
  const moduleUrl = import.meta.resolve('espeak-ng');
  const wasmUrl = new URL('espeak-ng.wasm', moduleUrl).href;
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;

  function failAll(error: Error): void {
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
    worker = undefined;
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl, wasmUrl } });
    started.on('message', (reply: WorkerReply) => {
      const entry = pending.get(reply.id);
      if (!entry) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if ('error' in reply) entry.reject(new Error(reply.error));
      else entry.resolve(reply.wav);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`eSpeak NG worker exited with code ${code}`));
    });
    worker = started;
    return started;
  }

  return {
    synthesize(request) {
      const target = ensureWorker();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.ref();
        target.postMessage({ id, request });
      });
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      failAll(new Error('speech synthesizer closed'));
      if (stopping) await stopping.terminate();
    },
  };
}
