// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// RAII wrappers over libiu's C API.
//
//   auto obj = iu::Object::open("hello.iu");
//   if (!obj) { fprintf(stderr, "%s\n", strerror(-obj.error())); ... }
//   auto link = obj->program("iu_prog1").attach();
#pragma once

#include <iu/libiu.h>

#include <cerrno>
#include <memory>
#include <string_view>
#include <utility>
#include <variant>

namespace iu {

// A value or a negative errno (std::expected-style; C++20 has none).
template <class T>
class Expected {
public:
	Expected(T v) : v_(std::move(v)) {}
	static Expected failure(int err) { return Expected(Err{err}); }
	explicit operator bool() const { return v_.index() == 0; }
	T &operator*() { return std::get<0>(v_); }
	T *operator->() { return &std::get<0>(v_); }
	int error() const { return v_.index() == 0 ? 0 : std::get<1>(v_).code; }

private:
	struct Err {
		int code;
	};
	explicit Expected(Err e) : v_(e) {}
	std::variant<T, Err> v_;
};

class Link {
public:
	explicit Link(iu_link *l) : l_(l, iu_link__destroy) {}

private:
	std::unique_ptr<iu_link, int (*)(iu_link *)> l_;
};

class Program {
public:
	explicit Program(iu_program *p) : p_(p) {}
	std::string_view name() const { return iu_program__name(p_); }
	std::string_view section() const { return iu_program__section_name(p_); }
	int fd() const { return iu_program__fd(p_); }
	Expected<Link> attach() const
	{
		iu_link *l = iu_program__attach(p_);
		return l ? Expected<Link>(Link(l)) : Expected<Link>::failure(-errno);
	}

private:
	iu_program *p_;
};

class Object {
public:
	static Expected<Object> open(const char *path, const iu_object_open_opts *opts = nullptr)
	{
		iu_object *o = iu_object__open_file(path, opts);
		return o ? Expected<Object>(Object(o)) : Expected<Object>::failure(-errno);
	}
	Expected<Program> program(const char *name) const
	{
		iu_program *p = iu_object__find_program_by_name(o_.get(), name);
		return p ? Expected<Program>(Program(p)) : Expected<Program>::failure(-ENOENT);
	}
	__u32 id() const { return iu_object__id(o_.get()); }
	iu_object *get() const { return o_.get(); }

private:
	explicit Object(iu_object *o) : o_(o, iu_object__close) {}
	std::unique_ptr<iu_object, void (*)(iu_object *)> o_;
};

} // namespace iu
