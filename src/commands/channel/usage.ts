/** `channel help` (lib/ipmi_channel.c printf_channel_usage), printed on stderr; `setkg` is an ipmits addition. */
export const CHANNEL_USAGE = `Channel Commands: authcap   <channel number> <max privilege>
                  getaccess <channel number> [user id]
                  setaccess <channel number> <user id> [callin=on|off] [ipmi=on|off] [link=on|off] [privilege=level]
                  info      [channel number]
                  getciphers <ipmi | sol> [channel]

Possible privilege levels are:
   1   Callback level
   2   User level
   3   Operator level
   4   Administrator level
   5   OEM Proprietary level
  15   No access
`;

export const SETKG_USAGE = `channel setkg hex|plain <key> [channel]
    hex   <key>: up to 40 hex digits (20 bytes)
    plain <key>: up to 20 bytes of text
    The key is never printed. Without a channel, the current one (0xE) is used.
`;
