/** user: ipmitool 1.8.19's text and -c (lib/ipmi_user.c), and the --json documents (docs/json.md). */
import type { UserChange } from '../commands/user/index.js';
import type { UserEntry, UserList, UserSummary } from '../commands/user/list.js';
import type { PasswordSet, PasswordTest } from '../commands/user/password.js';
import { privilegeLimitName } from '../spec/privilege.js';
import { defineRenderers } from './types.js';

/** The header has TAB characters, as ipmitool prints it. */
const HEADER = 'ID  Name\t     Callin  Link Auth\tIPMI Msg   Channel Priv Limit\n';

/** "Callin" is the inverse of the "restricted to callback" bit; true is padded to "true ". */
function row(u: UserEntry): string {
  const a = u.access;
  return `${String(u.userId).padEnd(4)}${u.name.padEnd(17)}${(a.callbackOnly ? 'false' : 'true ').padEnd(8)}${(a.linkAuth ? 'true ' : 'false').padEnd(11)}${(a.ipmiMessaging ? 'true ' : 'false').padEnd(11)}${privilegeLimitName(a.privilegeLimit)}\n`;
}

const csvRow = (u: UserEntry): string =>
  `${u.userId},${u.name},${!u.access.callbackOnly},${u.access.linkAuth},${u.access.ipmiMessaging},${privilegeLimitName(u.access.privilegeLimit)}\n`;

function userJson(u: UserEntry): unknown {
  const a = u.access;
  return {
    id: u.userId,
    name: u.name,
    callin: !a.callbackOnly,
    linkAuth: a.linkAuth,
    ipmiMessaging: a.ipmiMessaging,
    privilegeLimit: privilegeLimitName(a.privilegeLimit),
    privilegeLimitCode: a.privilegeLimit,
  };
}

const TEST_TEXT: Readonly<Record<PasswordTest['result'], string>> = {
  success: 'Success\n',
  incorrect: 'Failure: password incorrect\n',
  'wrong-size': 'Failure: wrong password size\n',
  unknown: 'Unknown error\n',
};

export const renderers = defineRenderers({
  'user.summary': {
    text: (d: UserSummary) => `Maximum IDs\t    : ${d.maxUserIds}\nEnabled User Count  : ${d.enabledUserIds}\nFixed Name Count    : ${d.fixedNameUserIds}\n`,
    csv: (d: UserSummary) => `${d.maxUserIds},${d.enabledUserIds},${d.fixedNameUserIds}\n`,
    json: (d: UserSummary) => ({ channel: d.channel, maxUserIds: d.maxUserIds, enabledUserIds: d.enabledUserIds, fixedNameUserIds: d.fixedNameUserIds }),
  },
  'user.list': {
    // ipmitool prints the header with the first row (none when the first read fails).
    text: (d: UserList) => (d.users.length ? HEADER + d.users.map(row).join('') : ''),
    csv: (d: UserList) => d.users.map(csvRow).join(''),
    json: (d: UserList) => ({ channel: d.channel, users: d.users.map(userJson) }),
  },
  'user.password': {
    text: (d: PasswordSet) => `Set User Password command successful (user ${d.userId})\n`,
    json: (d: PasswordSet) => ({ userId: d.userId, passwordSet: true, size: d.size }),
  },
  'user.test': {
    text: (d: PasswordTest) => TEST_TEXT[d.result],
    json: (d: PasswordTest) => ({ userId: d.userId, size: d.size, result: d.result }),
  },
  'user.change': {
    text: (d: UserChange) => (d.change === 'priv' ? `Set Privilege Level command successful (user ${d.userId})\n` : ''),
    json: (d: UserChange) => ({
      userId: d.userId,
      change: d.change,
      ...(d.name !== undefined ? { name: d.name } : {}),
      ...(d.privilegeLimit !== undefined ? { privilegeLimit: privilegeLimitName(d.privilegeLimit), channel: d.channel } : {}),
    }),
  },
});
