import type { AddressInfo } from 'node:net';
import net from 'node:net';

/**
 * A minimal IMAP4rev1 server for tests (one mailbox, one account): exactly what the IMAP poller's client
 * (imapflow) sends — CAPABILITY, LOGIN, LIST, SELECT/EXAMINE, (UID) SEARCH, (UID) FETCH of UID, FLAGS,
 * RFC822.SIZE and BODY[], (UID) STORE ±FLAGS, NOOP, CLOSE, LOGOUT — with synchronising and LITERAL+ literals.
 * Every command is recorded; `beforeStore` runs before a STORE is carried out (and may refuse it).
 */

type TToken = string | TToken[];

export interface TImapMessage {
  uid: number;
  flags: Set<string>;
  source: Buffer;
}

export interface TImapServerOptions {
  user: string;
  pass: string;
  mailbox?: string;
  /** PERMANENTFLAGS announced by SELECT (default: `\Seen \Deleted \*`, i.e. keywords allowed). */
  permanentFlags?: string[];
}

export interface TestImapServer {
  port: number;
  messages: TImapMessage[];
  /** Every command received, as `VERB args` (tags and literals left out: `{literal}`). */
  commands: string[];
  beforeStore?: (uids: number[], flags: string[]) => Promise<'ok' | 'no'>;
  append(source: string | Buffer, flags?: string[]): TImapMessage;
  close(): Promise<void>;
}

/** Splits a command line into atoms, quoted strings and parenthesised lists (`[...]` stays inside its atom). */
function tokenize(input: string): TToken[] {
  const stack: TToken[][] = [[]];
  let i = 0;
  const top = () => stack[stack.length - 1] as TToken[];
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ') i++;
    else if (c === '(') {
      const list: TToken[] = [];
      top().push(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      stack.pop();
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\') i++;
        value += input[i];
        i++;
      }
      top().push(value);
      i++;
    } else {
      let atom = '';
      let depth = 0;
      while (i < input.length) {
        const d = input[i] as string;
        if (d === '[') depth++;
        if (d === ']') depth--;
        if (depth === 0 && (d === ' ' || d === '(' || d === ')')) break;
        atom += d;
        i++;
      }
      top().push(atom);
    }
  }
  return stack[0] as TToken[];
}

const str = (t: TToken | undefined) => (typeof t === 'string' ? t : '');
const quote = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;

function inSet(set: string, value: number, max: number): boolean {
  return set.split(',').some((part) => {
    const [a = '', b] = part.split(':');
    const lo = a === '*' ? max : Number(a);
    const hi = b === undefined ? lo : b === '*' ? max : Number(b);
    return value >= Math.min(lo, hi) && value <= Math.max(lo, hi);
  });
}

export async function startTestImapServer(options: TImapServerOptions): Promise<TestImapServer> {
  const mailboxName = options.mailbox ?? 'INBOX';
  const permanent = options.permanentFlags ?? ['\\Seen', '\\Deleted', '\\*'];
  const sockets = new Set<net.Socket>();
  let uidNext = 1;
  const state: TestImapServer = {
    port: 0,
    messages: [],
    commands: [],
    append(source, flags = []) {
      const message = { uid: uidNext++, flags: new Set(flags), source: Buffer.from(source) };
      state.messages.push(message);
      return message;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function matches(m: TImapMessage, seq: number, criteria: TToken[]): boolean {
    let i = 0;
    const max = state.messages.length;
    while (i < criteria.length) {
      const key = str(criteria[i++]).toUpperCase();
      if (key === 'UNKEYWORD') {
        if (m.flags.has(str(criteria[i++]))) return false;
      } else if (key === 'KEYWORD') {
        if (!m.flags.has(str(criteria[i++]))) return false;
      } else if (key === 'UNSEEN') {
        if (m.flags.has('\\Seen')) return false;
      } else if (key === 'SEEN') {
        if (!m.flags.has('\\Seen')) return false;
      } else if (key === 'UID') {
        if (!inSet(str(criteria[i++]), m.uid, uidNext - 1)) return false;
      } else if (/^[\d*:,]+$/.test(key)) {
        if (!inSet(key, seq, max)) return false;
      } else if (key !== 'ALL') {
        throw new Error(`unsupported search key ${key}`);
      }
    }
    return true;
  }

  function fetchLine(m: TImapMessage, seq: number, items: string[], uidCommand: boolean): Buffer[] {
    const parts: Buffer[] = [];
    const fields: string[] = [];
    const wanted = new Set(items.map((x) => x.toUpperCase()));
    if (uidCommand) wanted.add('UID');
    if (wanted.has('UID')) fields.push(`UID ${m.uid}`);
    if (wanted.has('FLAGS')) fields.push(`FLAGS (${[...m.flags].join(' ')})`);
    if (wanted.has('RFC822.SIZE')) fields.push(`RFC822.SIZE ${m.source.length}`);
    const body = [...wanted].find((x) => /^BODY(\.PEEK)?\[\]$/.test(x));
    if (body && !body.includes('PEEK')) m.flags.add('\\Seen');
    parts.push(Buffer.from(`* ${seq} FETCH (${fields.join(' ')}`));
    if (body) parts.push(Buffer.from(` BODY[] {${m.source.length}}\r\n`), m.source);
    parts.push(Buffer.from(')\r\n'));
    return parts;
  }

  async function run(socket: net.Socket, tag: string, tokens: TToken[], session: { selected: boolean }) {
    const write = (line: string) => socket.write(`${line}\r\n`);
    let verb = str(tokens[0]).toUpperCase();
    let args = tokens.slice(1);
    let uid = false;
    if (verb === 'UID') {
      uid = true;
      verb = str(args[0]).toUpperCase();
      args = args.slice(1);
    }
    const ok = (text = `${verb} completed`) => write(`${tag} OK ${text}`);
    const pick = (set: string) =>
      state.messages
        .map((m, i) => ({ m, seq: i + 1 }))
        .filter(({ m, seq }) => inSet(set, uid ? m.uid : seq, uid ? uidNext - 1 : state.messages.length));
    switch (verb) {
      case 'CAPABILITY':
        write('* CAPABILITY IMAP4rev1 LITERAL+');
        return ok();
      case 'NOOP':
        return ok();
      case 'LOGIN':
        if (str(args[0]) === options.user && str(args[1]) === options.pass) return ok('LOGIN completed');
        return write(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`);
      case 'LOGOUT':
        write('* BYE logging out');
        ok();
        socket.end();
        return;
      case 'LIST':
      case 'LSUB': {
        const pattern = str(args[1]);
        if (pattern === '') write(`* ${verb} (\\Noselect) "/" ""`);
        else if (pattern === '*' || pattern.toUpperCase() === mailboxName.toUpperCase())
          write(`* ${verb} (\\HasNoChildren) "/" ${quote(mailboxName)}`);
        return ok();
      }
      case 'SELECT':
      case 'EXAMINE':
        if (str(args[0]).toUpperCase() !== mailboxName.toUpperCase())
          return write(`${tag} NO [NONEXISTENT] No such mailbox`);
        session.selected = true;
        write('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
        write(`* OK [PERMANENTFLAGS (${permanent.join(' ')})] Flags permitted`);
        write(`* ${state.messages.length} EXISTS`);
        write('* 0 RECENT');
        write('* OK [UIDVALIDITY 1] UIDs valid');
        write(`* OK [UIDNEXT ${uidNext}] Predicted next UID`);
        return ok(`[${verb === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${verb} completed`);
      case 'CLOSE':
      case 'UNSELECT':
        session.selected = false;
        return ok();
      case 'SEARCH': {
        if (!session.selected) return write(`${tag} BAD No mailbox selected`);
        const found = state.messages
          .map((m, i) => ({ m, seq: i + 1 }))
          .filter(({ m, seq }) => matches(m, seq, args))
          .map(({ m, seq }) => (uid ? m.uid : seq));
        write(`* SEARCH${found.map((n) => ` ${n}`).join('')}`);
        return ok();
      }
      case 'FETCH': {
        if (!session.selected) return write(`${tag} BAD No mailbox selected`);
        const items = Array.isArray(args[1]) ? (args[1] as TToken[]).map(str) : [str(args[1])];
        for (const { m, seq } of pick(str(args[0]))) {
          for (const part of fetchLine(m, seq, items, uid)) socket.write(part);
        }
        return ok();
      }
      case 'STORE': {
        if (!session.selected) return write(`${tag} BAD No mailbox selected`);
        const targets = pick(str(args[0]));
        const op = str(args[1]).toUpperCase();
        const flags = (Array.isArray(args[2]) ? args[2] : args.slice(2)).map(str);
        const refused = flags.filter(
          (f) => !permanent.includes(f) && !(permanent.includes('\\*') && !f.startsWith('\\')),
        );
        if (refused.length) return write(`${tag} NO [CANNOT] Flags not permitted`);
        if (
          state.beforeStore &&
          (await state.beforeStore(
            targets.map((t) => t.m.uid),
            flags,
          )) === 'no'
        )
          return write(`${tag} NO [SERVERBUG] Store failed`);
        for (const { m, seq } of targets) {
          for (const f of flags) {
            if (op.startsWith('-')) m.flags.delete(f);
            else m.flags.add(f);
          }
          if (!op.endsWith('.SILENT')) socket.write(Buffer.concat(fetchLine(m, seq, ['FLAGS'], uid)));
        }
        return ok();
      }
      default:
        return write(`${tag} BAD Unknown command ${verb}`);
    }
  }

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const session = { selected: false };
    let buffer = Buffer.alloc(0);
    let line = '';
    let literal = 0;
    let queue = Promise.resolve();
    socket.write('* OK [CAPABILITY IMAP4rev1 LITERAL+] test IMAP server ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (literal > 0) {
          if (buffer.length < literal) return;
          line += quote(buffer.subarray(0, literal).toString('utf8'));
          buffer = buffer.subarray(literal);
          literal = 0;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const text = buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 2);
        const lit = /\{(\d+)(\+?)\}$/.exec(text);
        if (lit) {
          line += text.slice(0, lit.index);
          literal = Number(lit[1]);
          if (!lit[2]) socket.write('+ Ready for literal\r\n');
          continue;
        }
        const full = line + text;
        line = '';
        const [tagToken, ...tokens] = tokenize(full);
        const tag = str(tagToken) || '*';
        state.commands.push(full.slice(tag.length + 1));
        queue = queue
          .then(async () => {
            await run(socket, tag, tokens, session);
          })
          .catch(() => {
            socket.destroy();
          });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}
