#!/bin/sh
# iu.ko loads and unloads cleanly: /dev/iu appears as a root-only char
# device, goes away on rmmod, repeated load/unload works, and the kernel logs
# no warnings while doing it.
. "$(dirname "$0")/lib.sh"

ko=$IU_ROOT/module/iu.ko
cycles=3

ktap_print_header
ktap_set_plan $((8 + cycles))
[ -f "$ko" ] || ktap_skip_all "no $ko"
# A previous test (or a failed run of this one) may have left it loaded.
rmmod iu 2>/dev/null

ktap_test_result "insmod iu.ko" insmod "$ko"
ktap_test_result "/dev/iu is a character device" test -c /dev/iu
mode=$(ls -l /dev/iu 2>/dev/null | cut -c1-10)
if [ "$mode" = crw------- ]; then
	ktap_test_pass "/dev/iu mode is crw------- (0600)"
else
	ktap_test_fail "/dev/iu mode is crw------- (0600)" "got '${mode:-no /dev/iu}'"
fi
ktap_test_result "/sys/module/iu exists" test -d /sys/module/iu
ktap_test_result "rmmod iu" rmmod iu
ktap_test_result "/dev/iu is gone after rmmod" test ! -e /dev/iu
ktap_test_result "/sys/module/iu is gone after rmmod" test ! -e /sys/module/iu

load_unload() {
	insmod "$ko" || return 1
	test -c /dev/iu || { echo "no /dev/iu after insmod"; return 1; }
	rmmod iu || return 1
	test ! -e /dev/iu || { echo "/dev/iu left after rmmod"; return 1; }
}
i=1
while [ $i -le $cycles ]; do
	ktap_test_result "insmod/rmmod cycle $i" load_unload
	i=$((i + 1))
done

ktap_dmesg_clean "no kernel warnings while loading and unloading"
ktap_finished
