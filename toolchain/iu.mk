# The make rule for iu extensions: include this file, then
#   prog.iu: prog.cpp
# builds and signs prog.iu with toolchain/iu-cc (run `make` at the top of
# the iu tree first: it builds the checker plugin and iu-finalize).
IU_ROOT ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
IU_CC ?= $(IU_ROOT)/toolchain/iu-cc

%.iu: %.cpp
	$(IU_CC) -o $@ $(IU_CXXFLAGS) $^
