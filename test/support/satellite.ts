/**
 * ipmi_sim emulation commands (startSim({ extraEmu })) for a second management controller on
 * IPMB channel 0 at 30h, a target for bridging (-t 0x30 -b 0): device id 5, firmware 1.02,
 * IANA 4753, product 0x1234.
 */
export const SATELLITE_EMU = 'mc_add 0x30 0x05 no-device-sdrs 0x01 1 0x02 0x9f 4753 0x1234\nmc_enable 0x30';

/** What `raw 0x06 0x01` prints for it. */
export const SATELLITE_DEVICE_ID = ' 05 01 01 02 02 9f 91 12 00 34 12 00 00 00 00\n';
