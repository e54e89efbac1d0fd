/** ipmitool's PEF usage texts (lib/ipmi_pef.c ipmi_pef2_help, _filter_help, _policy_help), on stderr. */
export const PEF_USAGE = `usage: pef help
       pef capabilities
       pef event <params>
       pef filter list
       pef filter enable <id = 1..n>
       pef filter disable <id = 1..n>
       pef filter create <id = 1..n> <params>
       pef filter delete <id = 1..n>
       pef info
       pef policy list
       pef policy enable <id = 1..n>
       pef policy disable <id = 1..n>
       pef policy create <id = 1..n> <params>
       pef policy delete <id = 1..n>
       pef pet ack <params>
       pef status
       pef timer get
       pef timer set <0x00-0xFF>
`;

export const PEF_FILTER_USAGE = `usage: pef filter help
\tpef filter list
       pef filter enable <id = 1..n>
       pef filter disable <id = 1..n>
       pef filter create <id = 1..n> <params>
       pef filter delete <id = 1..n>
`;

export const PEF_POLICY_USAGE = `usage: pef policy help
       pef policy list
       pef policy enable <id = 1..n>
       pef policy disable <id = 1..n>
       pef policy create <id = 1..n> <params>
       pef policy delete <id = 1..n>
`;
