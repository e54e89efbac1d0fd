/** lan help texts, as ipmitool 1.8.19 prints them on stderr (lib/ipmi_lanp.c print_lan_*_usage). */

export const LAN_USAGE = `LAN Commands:
\t\t   print [<channel number>]
\t\t   set <channel number> <command> <parameter>
\t\t   alert print <channel number> <alert destination>
\t\t   alert set <channel number> <alert destination> <command> <parameter>
\t\t   stats get [<channel number>]
\t\t   stats clear [<channel number>]
`;

/** The cipher_privs character legend, printed in both `lan set` help texts (ipmitool prints it twice too). */
const CIPHER_PRIVS_LEGEND = `    X = Cipher Suite Unused
    c = CALLBACK
    u = USER
    o = OPERATOR
    a = ADMIN
    O = OEM
`;

export const LAN_SET_USAGE = `
usage: lan set <channel> <command> <parameter>

LAN set command/parameter options:
  ipaddr <x.x.x.x>               Set channel IP address
  netmask <x.x.x.x>              Set channel IP netmask
  macaddr <x:x:x:x:x:x>          Set channel MAC address
  defgw ipaddr <x.x.x.x>         Set default gateway IP address
  defgw macaddr <x:x:x:x:x:x>    Set default gateway MAC address
  bakgw ipaddr <x.x.x.x>         Set backup gateway IP address
  bakgw macaddr <x:x:x:x:x:x>    Set backup gateway MAC address
  password <password>            Set session password for this channel
  snmp <community string>        Set SNMP public community string
  user                           Enable default user for this channel
  access <on|off>                Enable or disable access to this channel
  alert <on|off>                 Enable or disable PEF alerting for this channel
  arp respond <on|off>           Enable or disable BMC ARP responding
  arp generate <on|off>          Enable or disable BMC gratuitous ARP generation
  arp interval <seconds>         Set gratuitous ARP generation interval
  vlan id <off|<id>>             Disable or enable VLAN and set ID (1-4094)
  vlan priority <priority>       Set vlan priority (0-7)
  auth <level> <type,..>         Set channel authentication types
    level  = CALLBACK, USER, OPERATOR, ADMIN
    type   = NONE, MD2, MD5, PASSWORD, OEM
  ipsrc <source>                 Set IP Address source
    none   = unspecified source
    static = address manually configured to be static
    dhcp   = address obtained by BMC running DHCP
    bios   = address loaded by BIOS or system software
  cipher_privs XXXXXXXXXXXXXXX   Set RMCP+ cipher suite privilege levels
${CIPHER_PRIVS_LEGEND}
  bad_pass_thresh <thresh_num> <1|0> <reset_interval> <lockout_interval>
                                Set bad password threshold
`;

export const ACCESS_USAGE = 'lan set access <on|off>\n';

export const ARP_USAGE = `lan set <channel> arp respond <on|off>
lan set <channel> arp generate <on|off>
lan set <channel> arp interval <seconds>

example: lan set 7 arp gratuitous off
`;

export const AUTH_USAGE = `lan set <channel> auth <level> <type,type,...>
  level = CALLBACK, USER, OPERATOR, ADMIN
  types = NONE, MD2, MD5, PASSWORD, OEM
example: lan set 7 auth ADMIN PASSWORD,MD5
`;

export const BAKGW_USAGE = 'LAN set backup gateway commands: ipaddr, macaddr\n';
export const DEFGW_USAGE = 'LAN set default gateway Commands: ipaddr, macaddr\n';

export const CIPHER_PRIVS_USAGE = `lan set <channel> cipher_privs XXXXXXXXXXXXXXX
${CIPHER_PRIVS_LEGEND}
`;

export const IPSRC_USAGE = `lan set <channel> ipsrc <source>
  none   = unspecified
  static = static address (manually configured)
  dhcp   = address obtained by BMC running DHCP
  bios   = address loaded by BIOS or system software
`;

export const SNMP_USAGE = 'lan set <channel> snmp <community string>\n';

export const VLAN_USAGE = `lan set <channel> vlan id <id>
lan set <channel> vlan id off
lan set <channel> vlan priority <priority>
`;

export const BAD_PASS_USAGE = `lan set <channel> bad_pass_thresh <thresh_num> <1|0> <reset_interval> <lockout_interval>
        <thresh_num>         Bad Password Threshold number.
        <1|0>                1 = generate a Session Audit sensor event.
                             0 = do not generate an event.
        <reset_interval>     Attempt Count Reset Interval. In tens of seconds.
        <lockount_interval>  User Lockout Interval. In tens of seconds.
`;

export const ALERT_PRINT_USAGE = `
usage: lan alert print [channel number] [alert destination]

Default will print all alerts for the first found LAN channel
`;

export const ALERT_SET_USAGE = `
usage: lan alert set <channel number> <alert destination> <command> <parameter>

    Command/parameter options:

    ipaddr <x.x.x.x>               Set alert IP address
    macaddr <x:x:x:x:x:x>          Set alert MAC address
    gateway <default|backup>       Set channel gateway to use for alerts
    ack <on|off>                   Set Alert Acknowledge on or off
    type <pet|oem1|oem2>           Set destination type as PET or OEM
    time <seconds>                 Set ack timeout or unack retry interval
    retry <number>                 Set number of alert retries

`;
