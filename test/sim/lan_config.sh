#!/bin/sh
# ipmi_sim lan_config_program for the ipmits test BMC.
#
#   lan_config.sh STATE_DIR get PARM...
#   lan_config.sh STATE_DIR set PARM VALUE [PARM VALUE]...
#   lan_config.sh STATE_DIR check PARM VALUE...
#
# PARM is one of ip_addr ip_addr_src mac_addr subnet_mask default_gw_ip_addr
# default_gw_mac_addr backup_gw_ip_addr backup_gw_mac_addr.  Values live in
# STATE_DIR/lan/PARM (written by the harness at start, rewritten by "set"
# when a client commits a Set LAN Configuration Parameters), so
# "ipmitool lan set 1 ipaddr X" reads back in "lan print 1".

dir=$1/lan
op=$2
if [ -z "$1" ] || [ -z "$op" ]; then
    echo "usage: $0 STATE_DIR get|set|check PARM..."
    exit 1
fi
shift 2

default() {
    case $1 in
    ip_addr) echo 127.0.0.1 ;;
    ip_addr_src) echo static ;;
    mac_addr) echo 52:54:00:12:34:56 ;;
    subnet_mask) echo 255.0.0.0 ;;
    default_gw_ip_addr) echo 127.0.0.254 ;;
    default_gw_mac_addr) echo 52:54:00:00:00:fe ;;
    backup_gw_ip_addr) echo 0.0.0.0 ;;
    backup_gw_mac_addr) echo 00:00:00:00:00:00 ;;
    *) return 1 ;;
    esac
}

case $op in
get)
    for parm in "$@"; do
        if ! def=$(default "$parm"); then
            echo "Invalid parameter: $parm"
            exit 1
        fi
        val=$(cat "$dir/$parm" 2>/dev/null) || val=$def
        echo "$parm:$val"
    done
    ;;
set)
    mkdir -p "$dir"
    while [ $# -gt 0 ]; do
        parm=$1
        if [ $# -lt 2 ]; then
            echo "No value present for parameter $parm"
            exit 1
        fi
        if ! default "$parm" >/dev/null; then
            echo "Invalid parameter: $parm"
            exit 1
        fi
        echo "$2" > "$dir/$parm"
        shift 2
    done
    ;;
check)
    while [ $# -gt 0 ]; do
        case $1 in
        ip_addr_src)
            case $2 in
            static|dhcp) ;;
            *) echo "Invalid ip_addr_src: $2"; exit 1 ;;
            esac
            ;;
        *)
            echo "Invalid parameter: $1"
            exit 1
            ;;
        esac
        shift 2
    done
    ;;
*)
    echo "Unknown operation: $op"
    exit 1
    ;;
esac
exit 0
