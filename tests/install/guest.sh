#!/bin/sh
# Guest half of tests/install/run: the iu.ko that DKMS built and installed
# (from the DKMS source `make install` laid out) loads on this kernel, and
# the out-of-tree example, built against the installed files only, runs with
# it. Payload (tests/install/run stages it):
#   module/iu.ko                         DKMS's iu.ko for this kernel
#   bin/iu-loader                        the installed iu-loader
#   lib/libiu.so*                        the installed libiu.so
#   example/cmake/{example.iu,loader,loader-static}   built with find_package(iu)
#   example/make/{example.iu,loader}     built with make, pkg-config and iu-cc
. "$(dirname "$0")/lib.sh"

ko=$IU_ROOT/module/iu.ko
ex=$IU_ROOT/example
export LD_LIBRARY_PATH=$IU_ROOT/lib

ktap_print_header
ktap_set_plan 9
[ -f "$ko" ] || ktap_skip_all "no $ko"
rmmod iu 2>/dev/null

# insmod refuses a module whose vermagic is not this kernel's.
ktap_test_result "insmod DKMS's iu.ko on $(uname -r)" insmod "$ko"
ktap_test_result "/dev/iu is a character device" test -c /dev/iu
ktap_test_result "installed iu-loader loads and attaches example.iu (CMake build)" \
	"$IU_ROOT/bin/iu-loader" -q -d 0 "$ex/cmake/example.iu"
ktap_test_result "example loader (CMake, libiu.so) runs example.iu" \
	"$ex/cmake/loader" "$ex/cmake/example.iu"
ktap_test_result "example loader (CMake, libiu.a) runs example.iu" \
	"$ex/cmake/loader-static" "$ex/cmake/example.iu"
ktap_test_result "example loader (make, pkg-config) runs example.iu (make build)" \
	"$ex/make/loader" "$ex/make/example.iu"
ktap_test_result "rmmod iu" rmmod iu
ktap_test_result "/dev/iu is gone after rmmod" test ! -e /dev/iu
ktap_dmesg_clean "no kernel warnings"
ktap_finished
