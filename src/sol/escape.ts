/**
 * The console's escape sequences, as ipmitool's processSolUserInput knows them:
 * the escape character (default `~`) is special only as the first character
 * after CR or LF (and as the very first input byte). Pure: state in, state out.
 *
 *   ~.  terminate      ~B  send break     ~?  help
 *   ~^Z suspend        ~^X suspend without restoring the terminal
 *   ~~  one ~          ~x  ~ and x (anything else is sent as typed)
 */

export type EscapeAction = 'terminate' | 'break' | 'help' | 'suspend' | 'suspend-keep-tty';

export type EscapeEvent = { kind: 'data'; data: Buffer } | { kind: 'action'; action: EscapeAction };

export interface EscapeState {
  /** The last character sent was CR or LF (true at the start). */
  afterNewline: boolean;
  /** The escape character was typed after a newline; the next character decides. */
  pending: boolean;
}

export const initialEscapeState = (): EscapeState => ({ afterNewline: true, pending: false });

const ACTIONS: Readonly<Record<number, EscapeAction>> = {
  0x2e: 'terminate', // .
  0x42: 'break', // B
  0x3f: 'help', // ?
  0x1a: 'suspend', // ^Z
  0x18: 'suspend-keep-tty', // ^X
};

const isNewline = (c: number): boolean => c === 0x0d || c === 0x0a;

/**
 * Split typed input into data to send and escape actions, in order. Input after
 * `~.` is dropped (the session ends there).
 */
export function processEscapes(state: EscapeState, input: Uint8Array, escapeChar: number): { state: EscapeState; events: EscapeEvent[] } {
  const events: EscapeEvent[] = [];
  let { afterNewline, pending } = state;
  let data: number[] = [];
  const flush = (): void => {
    if (data.length) events.push({ kind: 'data', data: Buffer.from(data) });
    data = [];
  };
  for (const c of input) {
    if (pending) {
      pending = false;
      const action = ACTIONS[c];
      if (action) {
        flush();
        events.push({ kind: 'action', action });
        if (action === 'terminate') return { state: { afterNewline: false, pending: false }, events };
        // As in ipmitool, an action leaves the newline state alone: `~B~B` sends two breaks.
        continue;
      }
      if (c !== escapeChar) data.push(escapeChar);
      data.push(c);
      afterNewline = isNewline(c);
      continue;
    }
    if (afterNewline && c === escapeChar) {
      pending = true;
      continue;
    }
    data.push(c);
    afterNewline = isNewline(c);
  }
  flush();
  return { state: { afterNewline, pending }, events };
}

/** Printed once the payload is active (two spaces after the period, as ipmitool). */
export const solBanner = (esc: string): string => `[SOL Session operational.  Use ${esc}? for help]\n`;

/** What ipmitool prints when an escape is typed (~^X echoes "^Z", sic). */
export function solEscapeText(action: EscapeAction, esc: string): string {
  switch (action) {
    case 'terminate':
      return `${esc}. [terminated ipmitool]\n`;
    case 'break':
      return `${esc}B [send break]\n`;
    case 'suspend':
    case 'suspend-keep-tty':
      return `${esc}^Z [suspend ipmitool]\n`;
    case 'help':
      return `${esc}?
\tSupported escape sequences:
\t${esc}.  - terminate connection
\t${esc}^Z - suspend ipmitool
\t${esc}^X - suspend ipmitool, but don't restore tty on restart
\t${esc}B  - send break
\t${esc}?  - this message
\t${esc}${esc}  - send the escape character by typing it twice
\t(Note that escapes are only recognized immediately after newline.)
`;
  }
}
