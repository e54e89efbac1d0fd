/** Help texts printed on stderr (ipmitool prints usage and help on stderr too). */
import { families } from './registry.js';
import { VERSION } from './version.js';

export function commandList(): string {
  return `Commands:\n${families.map((f) => `\t${f.name.padEnd(12)}  ${f.desc}\n`).join('')}\n`;
}

export function optionUsage(): string {
  return `ipmits version ${VERSION}

usage: ipmits [options...] <command>

       -h             This help
       -V             Show version information
       -v             Verbose (can use multiple times)
       -c             Display output in comma separated format
       -d N           Specify a /dev/ipmiN device to use (default=0)
       -I intf        Interface to use
       -H hostname    Remote host name for LAN interface
       -p port        Remote RMCP port [default=623]
       -U username    Remote session username
       -f file        Read remote session password from file
       -S sdr         Use local file for remote SDR cache
       -4             Use only IPv4
       -6             Use only IPv6
       -a             Prompt for remote password
       -Y             Prompt for the Kg key for IPMIv2 authentication
       -e char        Set SOL escape character
       -C ciphersuite Cipher suite to be used by lanplus interface
       -k key         Use Kg key for IPMIv2 authentication
       -y hex_key     Use hexadecimal-encoded Kg key for IPMIv2 authentication
       -L level       Remote session privilege level [default=ADMINISTRATOR]
                      Append a '+' to use name/privilege lookup in RAKP1
       -A authtype    Force use of auth type NONE, PASSWORD, MD2, MD5 or OEM
       -P password    Remote session password
       -E             Read password from IPMI_PASSWORD environment variable
       -K             Read kgkey from IPMI_KGKEY environment variable
       -m address     Set local IPMB address
       -b channel     Set destination channel for bridged request
       -t address     Bridge request to remote target address
       -B channel     Set transit channel for bridged request (dual bridge)
       -T address     Set transit address for bridge request (dual bridge)
       -l lun         Set destination lun for raw commands
       -o oemtype     Setup for OEM (use 'list' to see available OEM types)
       -O seloem      Use file for OEM SEL event descriptions
       -N seconds     Specify timeout for lan [default=2] / lanplus [default=1] interface
       -R retry       Set the number of retries for lan/lanplus interface [default=4]
       -Z             Display all dates in UTC
       -W name,...    Workarounds for broken BMCs, by FreeIPMI's names (see the man page)

       --json         Print one JSON document (errors as JSON on stderr)
       --table        Print a table (coloured on a terminal unless NO_COLOR is set)
       --format fmt   text, csv, json, table or prometheus
       --timeout sec  One deadline for the whole command
       --no-cache     Do not use the SDR cache

Interfaces:
\topen          Linux OpenIPMI Interface [default]
\tlan           IPMI v1.5 LAN Interface 
\tlanplus       IPMI v2.0 RMCP+ LAN Interface 

${commandList()}`;
}
