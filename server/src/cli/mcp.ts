// `review-snapshot mcp`: the MCP server over standard input and output (mcp/server.ts), rooted
// at the repository of the current folder (or --root) and reading its configuration file like
// every other command. Standard output carries the protocol only; what the server has to say
// otherwise goes to standard error. It runs until standard input ends.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../mcp/server';
import { PathRefused, rootFolder } from '../mcp/paths';
import { flagValue, UsageError, type Args } from './args';
import { configChoice } from './config';
import { errLine } from './output';
import { findRoot } from './targets';

/** A message longer than this is refused by the transport (it closes; the client sees why). */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export function runMcp(args: Args): Promise<number> {
  if (args.positional.length) throw new UsageError(`mcp takes no file names: "${args.positional[0]}"`, 'mcp');
  let root: string;
  try {
    root = rootFolder(flagValue(args, 'root') ?? findRoot(process.cwd()));
  } catch (e) {
    throw e instanceof PathRefused ? new UsageError(`--root ${e.message}`) : e;
  }
  const server = createMcpServer({ root, choice: configChoice(args) });
  const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES });
  // A line that is no JSON-RPC message gets the JSON-RPC error (id null: it has none to answer),
  // and a word on standard error; the server goes on with the next line.
  transport.onerror = (e) => {
    const code = e instanceof SyntaxError ? -32700 : e.name === 'ZodError' ? -32600 : undefined;
    errLine(`review-snapshot mcp: ${code === -32600 ? 'a line is no JSON-RPC message' : e.message.split('\n')[0]}`);
    if (code !== undefined) {
      process.stdout.write(
        JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message: code === -32700 ? 'Parse error' : 'Invalid Request' } }) + '\n',
      );
    }
  };
  return new Promise<number>((resolve, reject) => {
    process.stdin.once('end', () => void server.close().then(() => resolve(0), reject));
    // The transport closes itself on a message over the cap: the run ends there, said on standard error.
    server.server.onclose = () => resolve(0);
    server.connect(transport).catch(reject);
  });
}
