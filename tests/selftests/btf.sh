#!/bin/sh
# Internal kernel structs without bindgen: ptree, built against this
# kernel's BTF (scripts/btf-header), reads current->tgid and
# current->real_parent->tgid through task_struct and must agree with
# getpid()/getppid().
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 2
lsmod | grep -q '^iu ' || insmod "$IU_ROOT/module/iu.ko" || ktap_skip_all "cannot insmod iu.ko"
cd "$IU_ROOT/samples/ptree" 2>/dev/null || ktap_skip_all "no ptree sample"
[ -f "ptree-$(uname -r).iu" ] || ktap_skip_all "no ptree-$(uname -r).iu (make modules-all builds it)"
ktap_test_result "task_struct fields read with this kernel's BTF layout" ./loader
ktap_dmesg_clean "no kernel warnings"
ktap_finished
