#!/bin/sh
# ipmi_sim chassis_control program for the ipmits test BMC.
#
#   chassis_control.sh STATE_DIR get PARM...
#   chassis_control.sh STATE_DIR set PARM VALUE [PARM VALUE]...
#
# ipmi_sim runs it (through popen, i.e. /bin/sh -c) for Get Chassis Status / Chassis
# Control / Chassis Identify / Set+Get System Boot Options.  State lives in files:
#   STATE_DIR/power      1 or 0
#   STATE_DIR/bootdev    none|pxe|default|cdrom|bios   (ipmi_sim's names)
#   STATE_DIR/identify   "<interval> <force>" of the last Chassis Identify
#   STATE_DIR/chassis.log  one line per set: "<epoch> <parm> <value>"
# "get" prints PARM:VALUE lines; errors go to stdout and exit 1 (ipmi_sim
# then answers 0xFF).
#
# simlib.mjs configures it as `. THIS_FILE; chassis_control STATE_DIR`, so the shell
# popen starts sources the function and runs it: a "get" (every Get Chassis Status)
# uses shell builtins only, one process instead of three (sh -c, sh, cat): ipmi_sim
# answers Get Chassis Status while the fork runs, and 64 of them at once took > 1 s.
# Run as a program (with arguments) it does the same.

chassis_control() {
    dir=$1
    op=$2
    if [ -z "$dir" ] || [ -z "$op" ]; then
        echo "usage: chassis_control.sh STATE_DIR get|set PARM..."
        exit 1
    fi
    shift 2
    case $op in
    get)
        for parm in "$@"; do
            case $parm in
            power)
                { read -r val < "$dir/power"; } 2>/dev/null || val=1
                ;;
            boot)
                { read -r val < "$dir/bootdev"; } 2>/dev/null || val=none
                ;;
            *)
                echo "Invalid parameter: $parm"
                exit 1
                ;;
            esac
            echo "$parm:$val"
        done
        ;;
    set)
        while [ $# -gt 0 ]; do
            parm=$1
            if [ $# -lt 2 ]; then
                echo "No value present for parameter $parm"
                exit 1
            fi
            val=$2
            shift 2
            case $parm in
            power)
                echo "$val" > "$dir/power"
                ;;
            shutdown)
                # soft (ACPI) shutdown request: the "OS" powers off at once
                [ "$val" = 1 ] && echo 0 > "$dir/power"
                ;;
            reset)
                ;;
            boot)
                case $val in
                none|pxe|default|cdrom|bios) echo "$val" > "$dir/bootdev" ;;
                *) echo "Invalid boot value: $val"; exit 1 ;;
                esac
                ;;
            identify)
                echo "$val" > "$dir/identify"
                ;;
            *)
                echo "Invalid parameter: $parm"
                exit 1
                ;;
            esac
            echo "$(date +%s) $parm $val" >> "$dir/chassis.log"
        done
        ;;
    *)
        echo "Unknown operation: $op"
        exit 1
        ;;
    esac
    exit 0
}

# Sourced (". THIS_FILE; chassis_control DIR ...") there are no arguments: only define the function.
if [ $# -gt 0 ]; then chassis_control "$@"; fi
