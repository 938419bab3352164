// The messages the server reads, checked before vscode-jsonrpc sees them. The library turns a
// request's `id` into a string (`id.toString()`, a queue key) and prints a message it cannot
// classify with `JSON.stringify`: an `id` that is an array or object nested 100,000 deep makes
// either overflow the stack outside any handler, and the server dies. A message is let through
// only in a shape the protocol allows — a request (a method and an id that is a number or a
// string), a notification (a method, no id), a response (no method, a number or string id) — and
// a cancellation or progress notification only with such an id or token. A request with any
// other id is answered with an Invalid Request error (id null, as JSON-RPC says); the rest is
// dropped. Nothing here stringifies what it checks.
import { format } from 'node:util';
import {
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/** An id (or token) as the protocol allows it: a number or a string. */
function isId(v: unknown): v is number | string {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

const CARRY_ID = new Map<string, string>([
  ['$/cancelRequest', 'id'],
  ['$/progress', 'token'],
]);

/** 'ok', 'refuse' (a request with an id that is not one: answer it) or 'drop'. */
export function judgeMessage(m: unknown): 'ok' | 'refuse' | 'drop' {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'drop';
  const msg = m as Record<string, unknown>;
  const hasId = Object.hasOwn(msg, 'id');
  if (typeof msg.method === 'string') {
    if (hasId && !isId(msg.id)) return 'refuse';
    const field = CARRY_ID.get(msg.method);
    if (field === undefined) return 'ok';
    const params = msg.params;
    return typeof params === 'object' && params !== null && isId((params as Record<string, unknown>)[field]) ? 'ok' : 'drop';
  }
  // A response: to one of the server's own requests, whose ids are numbers.
  return msg.method === undefined && isId(msg.id) && (Object.hasOwn(msg, 'result') || Object.hasOwn(msg, 'error')) ? 'ok' : 'drop';
}

/** `inner`, passing on only what `judgeMessage` lets through; a refused request is answered on `writer`. */
export function checkedReader(inner: MessageReader, writer: MessageWriter, seen?: (m: Message) => void): MessageReader {
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    dispose: () => inner.dispose(),
    listen: (callback: DataCallback) =>
      inner.listen((m) => {
        const verdict = judgeMessage(m);
        if (verdict === 'ok') {
          seen?.(m);
          callback(m);
        } else if (verdict === 'refuse') {
          const error = { code: ErrorCodes.InvalidRequest, message: 'Invalid Request: the id must be a number or a string' };
          void writer.write({ jsonrpc: '2.0', id: null, error } as Message).catch(() => undefined);
        }
      }),
  };
}

/**
 * The reader and writer for the transport the client asked for (`--node-ipc`, as VS Code starts
 * the server, or `--stdio`), the reader checked; undefined for another transport, which then gets
 * vscode-languageserver's own (unchecked: no client of this extension uses one).
 */
export function checkedTransport(argv: readonly string[]): { reader: MessageReader; writer: MessageWriter; stdio: boolean } | undefined {
  let shutdown = false;
  const seen = (m: Message) => {
    if ((m as { method?: unknown }).method === 'shutdown') shutdown = true;
  };
  if (argv.includes('--node-ipc')) {
    const writer = new IPCMessageWriter(process);
    return { reader: checkedReader(new IPCMessageReader(process), writer, seen), writer, stdio: false };
  }
  if (!argv.includes('--stdio')) return undefined;
  const writer = new StreamMessageWriter(process.stdout);
  // As vscode-languageserver does for a stream it is given: the client closing stdin ends the server.
  const end = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return { reader: checkedReader(new StreamMessageReader(process.stdin), writer, seen), writer, stdio: true };
}

/** Over stdio, standard output is the protocol: console output goes to the client's log instead (as vscode-languageserver does). */
export function consoleToClient(connection: Connection): void {
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
