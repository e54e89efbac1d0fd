/** session: ipmitool 1.8.19's text and -c (lib/ipmi_session.c), and the --json document (docs/json.md). */
import type { SessionReport } from '../commands/session/index.js';
import type { SessionInfo } from '../ipmi/cmds/app/get-session-info.js';
import { channelActivityTypeNames } from '../spec/channel.js';
import { privilegeLimitName } from '../spec/privilege.js';
import { defineRenderers } from './types.js';
import { hex2p, unknownValue } from '../format/c-printf.js';

const kind = (s: SessionInfo): string => (s.sessionType ? 'IPMIv2/RMCP+' : 'IPMIv1.5');
const activity = (v: number): string => channelActivityTypeNames[v] ?? unknownValue(v);

function text(s: SessionInfo): string {
  const l = [
    `session handle                : ${s.handle}`,
    `slot count                    : ${s.slotCount}`,
    `active sessions               : ${s.activeSessions}`,
  ];
  if (s.length > 3) {
    l.push(
      `user id                       : ${s.userId}`,
      `privilege level               : ${privilegeLimitName(s.privilege!)}`,
      `session type                  : ${kind(s)}`,
      `channel number                : ${hex2p(s.channel!)}`,
    );
    if (s.lan)
      l.push(`console ip                    : ${s.lan.ip}`, `console mac                   : ${s.lan.mac}`, `console port                  : ${s.lan.port}`);
    if (s.serial) {
      l.push(
        `Session/Channel Activity Type : ${activity(s.serial.activityType)}`,
        `Destination selector          : ${s.serial.destinationSelector}`,
        `console ip                    : ${s.serial.ip}`,
      );
      if (s.serial.port !== undefined) l.push(`console port                  : ${s.serial.port}`);
    }
  }
  return `${l.join('\n')}\n\n`;
}

function csv(s: SessionInfo): string {
  const c: (string | number)[] = [s.handle, s.slotCount, s.activeSessions];
  if (s.length > 3) {
    c.push(s.userId!, privilegeLimitName(s.privilege!), kind(s), hex2p(s.channel!));
    if (s.lan) c.push(s.lan.ip, s.lan.mac, s.lan.port);
    if (s.serial) c.push(activity(s.serial.activityType), s.serial.destinationSelector, s.serial.ip, ...(s.serial.port !== undefined ? [s.serial.port] : []));
  }
  return `${c.join(',')}\n`;
}

function json(s: SessionInfo): unknown {
  const detail = s.length > 3;
  return {
    handle: s.handle,
    slotCount: s.slotCount,
    activeSessions: s.activeSessions,
    userId: detail ? s.userId : null,
    privilegeLevel: detail ? privilegeLimitName(s.privilege!) : null,
    sessionType: detail ? kind(s) : null,
    channel: detail ? s.channel : null,
    consoleIp: s.lan?.ip ?? s.serial?.ip ?? null,
    consoleMac: s.lan?.mac ?? null,
    consolePort: s.lan?.port ?? s.serial?.port ?? null,
    activityType: s.serial ? activity(s.serial.activityType) : null,
    destinationSelector: s.serial?.destinationSelector ?? null,
  };
}

export const renderers = defineRenderers({
  'session.info': {
    text: (d: SessionReport) => d.sessions.map(text).join(''),
    csv: (d: SessionReport) => d.sessions.map(csv).join(''),
    json: (d: SessionReport) => ({ sessions: d.sessions.map(json) }),
  },
});
