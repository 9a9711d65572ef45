# iu top-level Makefile: drives deps, kbuild (module), CMake (user space),
# the extension toolchain (samples) and the guest test harness.
#
#   make            build everything for KDIR (module/iu.ko, libiu, loaders, samples);
#                   installs nothing: says what is missing (`make deps` installs it)
#   make check      install what is missing, build, host unit tests + guest suite
#                   on every line in KERNELS
#   make demo       install what is missing, build, tracex5 in a guest booting the
#                   kernel that matches KDIR
#   make bench      benchmarks in guests (TCG, one vCPU, a QEMU plugin counting guest
#                   instructions) on every line in KERNELS: one table of iu/eBPF ratios
#                   (bench/README.md; results in BENCHMARKS.md). Not part of `check`.
#   make bench-smoke    one short round of the same: every row must produce numbers
#                   (asserts nothing about time)
#   make check-stress   `make check` STRESS_RUNS times (default 5) with a CPU hog on
#                   every host core: the suite must not depend on an idle machine
#   make install    libiu, iu-loader, iu-cc and its parts, pkg-config and CMake
#                   packages, iu.ko's DKMS source into DESTDIR/PREFIX (README)
#   make dkms-install / dkms-uninstall   iu.ko through DKMS for every kernel (root)
#   make grade SUBMISSION=DIR   grade one tracex5 submission (docs/grading.md);
#                   SUBMISSIONS=DIR grades each subdirectory in one guest boot;
#                   GRADE_OUT=DIR (default build/grade), GRADE_KERNEL=6.1
#   make assignment the student kit in build/assignment (ASSIGNMENT_OUT=DIR)
#
# Variables: KDIR (kernel build dir), KERNELS (lines for `check`, default "6.1 6.12"),
# IU_SIGNING_KEY (PEM with private key and certificate; generated when absent),
# PREFIX (default /usr/local) and DESTDIR for install.
SHELL := /bin/bash
.DEFAULT_GOAL := all
.SUFFIXES:

BUILD := $(CURDIR)/build
KERNELS ?= 6.1 6.12
NPROC := $(shell nproc)

# The running kernel's build dir, else the newest installed Debian headers.
# Recursive (=) so that it is evaluated after scripts/deps has run.
KDIR = $(shell scripts/kernels --kdir)

IU_SIGNING_KEY ?= $(CURDIR)/certs/iu_signing_key.pem
IU_CERT = $(CURDIR)/certs/iu_signing_cert.der
export IU_SIGNING_KEY

PREFIX ?= /usr/local
DESTDIR ?=
IU_VERSION := $(file <VERSION)

.PHONY: all check check-stress bench bench-smoke demo deps deps-check build userspace module modules-all stage keys clean help \
	install dkms-install dkms-uninstall grade assignment

all: deps-check
	@$(MAKE) --no-print-directory build

check: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory modules-all
	@scripts/check $(KERNELS)

demo: deps
	@$(MAKE) --no-print-directory build
	@scripts/demo "$(KDIR)"

deps:
	@scripts/deps

# The build's precondition: everything it needs is installed (nothing is installed here).
deps-check:
	@scripts/deps --check build

bench: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory modules-all
	@bench/run $(KERNELS)

bench-smoke: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory modules-all
	@bench/run --smoke $(KERNELS)

STRESS_RUNS ?= 5
check-stress: deps
	@scripts/deps stress
	@scripts/check-stress $(STRESS_RUNS) $(KERNELS)

build: keys module userspace

keys: $(IU_CERT)
$(IU_CERT): $(IU_SIGNING_KEY)
	@scripts/keygen --cert-only "$(IU_SIGNING_KEY)" "$@"
$(IU_SIGNING_KEY):
	@scripts/keygen "$@" "$(IU_CERT)"

# The module for KDIR, in place: module/iu.ko
module: keys
	@test -n "$(KDIR)" || { echo "no kernel build directory: install linux-headers (scripts/deps)" >&2; exit 1; }
	@$(MAKE) --no-print-directory -C "$(KDIR)" M=$(CURDIR) IU_CERT=$(IU_CERT) modules

# The module, and the samples built against kernel types, for every kernel
# line of KERNELS: build/kmod/<kver>/, samples/ptree/ptree-<kver>.iu
modules-all: keys userspace
	@scripts/kernels $(KERNELS) | while read -r line kver kdir vmlinuz; do \
		scripts/build-module "$$kdir" "$(BUILD)/kmod/$$kver" "$(IU_CERT)" || exit 1; \
		scripts/build-kernel-samples "$$kver" || exit 1; \
	done

userspace: keys
	@mkdir -p $(BUILD)
	@cmake -S . -B $(BUILD)/cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DIU_SIGNING_KEY=$(IU_SIGNING_KEY) >$(BUILD)/cmake-configure.log 2>&1 || \
		{ cat $(BUILD)/cmake-configure.log; exit 1; }
	@cmake --build $(BUILD)/cmake -j$(NPROC) -- --no-print-directory

# Everything is relative inside the installed tree, so the prefix is chosen
# here, at install time (no reconfiguration). --strip: no debug info, so no
# build paths, in what is installed.
install: userspace
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD)/cmake --prefix "$(PREFIX)" --strip

# The DKMS source tree (the dkms component of the install, staged), then
# dkms add/build/install for every kernel with headers: scripts/dkms.
dkms-install: userspace
	@rm -rf $(BUILD)/dkms-stage
	@cmake --install $(BUILD)/cmake --component dkms --prefix $(BUILD)/dkms-stage >/dev/null
	@scripts/dkms install $(BUILD)/dkms-stage/src/iu-$(IU_VERSION)

dkms-uninstall:
	@scripts/dkms uninstall

grade:
	@test -n "$(SUBMISSION)$(SUBMISSIONS)" || { echo "make grade SUBMISSION=DIR (or SUBMISSIONS=DIR)" >&2; exit 2; }
	@$(MAKE) --no-print-directory build
	@scripts/grade $(if $(SUBMISSIONS),--many "$(SUBMISSIONS)","$(SUBMISSION)")

ASSIGNMENT_OUT ?= $(BUILD)/assignment
assignment:
	@scripts/assignment "$(ASSIGNMENT_OUT)"

clean:
	-@$(MAKE) --no-print-directory -C "$(KDIR)" M=$(CURDIR) clean >/dev/null 2>&1
	rm -rf $(BUILD)
	rm -f samples/*/loader samples/*/*.iu

help:
	@sed -n '/^[^#]/q;p' Makefile
