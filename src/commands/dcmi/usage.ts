/** ipmitool's DCMI menus (lib/ipmi_dcmi.c print_strs of dcmi_cmd_vals and friends), printed on stderr. */
const menu = (title: string, rows: readonly (readonly [string, string])[]): string => `\n${title}\n${rows.map(([s, d]) => `    ${s}    ${d}\n`).join('')}\n`;

export const DCMI_USAGE = menu('Data Center Management Interface commands', [
  ['discover', 'Used to discover supported DCMI capabilities'],
  ['power', 'Platform power limit command options'],
  ['sensors', 'Prints the available DCMI sensors'],
  ['asset_tag', "Prints the platform's asset tag"],
  ['set_asset_tag', "Sets the platform's asset tag"],
  ['get_mc_id_string', 'Get management controller ID string'],
  ['set_mc_id_string', 'Set management controller ID string'],
  ['thermalpolicy', 'Thermal policy get/set'],
  ['get_temp_reading', 'Get Temperature Readings'],
  ['get_conf_param', 'Get DCMI Config Parameters'],
  ['set_conf_param', 'Set DCMI Config Parameters'],
  ['oob_discover', 'Ping/Pong Message for DCMI Discovery'],
]);

export const POWER_USAGE = menu('power <command>', [
  ['reading', 'Get power related readings from the system'],
  ['get_limit', 'Get the configured power limits'],
  ['set_limit', 'Set a power limit option'],
  ['activate', 'Activate the set power limit'],
  ['deactivate', 'Deactivate the set power limit'],
]);

export const SET_LIMIT_USAGE = menu('set_limit <parameter> <value>', [
  ['action', '<no_action | sel_logging | power_off>'],
  ['limit', '<number in Watts>'],
  ['correction', '<number in milliseconds>'],
  ['sample', '<number in seconds>'],
]);

export const THERMAL_USAGE = menu('thermalpolicy <command>', [
  ['get', 'Get thermal policy'],
  ['set', 'Set thermal policy'],
]);

export const CONF_PARAM_USAGE = menu('DCMI Configuration Parameters', [
  ['activate_dhcp', '\tActivate DHCP'],
  ['dhcp_config', '\tDHCP Configuration'],
  ['init', '\t\tInitial timeout interval'],
  ['timeout', '\t\tServer contact timeout interval'],
  ['retry', '\t\tServer contact retry interval'],
]);

export const THERMAL_SET_USAGE = menu(
  'Set thermalpolicy instance parameters: <volatile/nonvolatile/disabled> <poweroff/nopoweroff/disabled> <sel/nosel/disabled> <templimitByte> <exceptionTime>',
  [
    ['volatile', 'Current Power Cycle'],
    ['nonvolatile', 'Set across power cycles'],
    ['poweroff', 'Hard Power Off system'],
    ['nopoweroff', "No 'Hard Power Off' action"],
    ['sel', 'Log event to SEL'],
    ['nosel', "No 'Log event to SEL' action"],
    ['disabled', 'Disabled'],
  ],
);
