// SPDX-License-Identifier: GPL-2.0
// iu-fixture IN.s OUT.so: a hand-written extension in assembly (with the
// macros of fixture-prelude.s), assembled and linked like the code-check
// fixtures into the ELF shape iu-cc produces: one kprobe program "prog" at
// entry `entry`, flags GUARDED. Unsigned: the refusal corpus (iu-mutate)
// signs it and expects iu.ko's code check to refuse it.
#include "fixture.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: iu-fixture IN.s OUT.so\n");
		return 2;
	}
	std::ifstream in(argv[1]);
	std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (!in) {
		fprintf(stderr, "iu-fixture: cannot read %s\n", argv[1]);
		return 1;
	}
	try {
		iu_test::Bytes so = iu_test::build_fixture(body);
		std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
		out.write(reinterpret_cast<const char *>(so.data()), so.size());
		if (!out)
			throw std::runtime_error(std::string("cannot write ") + argv[2]);
	} catch (const std::exception &e) {
		fprintf(stderr, "iu-fixture: %s: %s\n", argv[1], e.what());
		return 1;
	}
	return 0;
}
