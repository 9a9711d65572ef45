# LLVM/clang 16 for the toolchain's plugins: include dir and compile flags
# from llvm-config-16 (minus -std and -I: CMake sets them), output dir.
if(NOT IU_LLVM_INCLUDE)
  find_program(IU_LLVM_CONFIG16 NAMES llvm-config-16 PATHS /usr/lib/llvm-16/bin REQUIRED)
  execute_process(COMMAND ${IU_LLVM_CONFIG16} --version
                  OUTPUT_VARIABLE _iu_llvm_version OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _iu_llvm_version MATCHES "^16\\.")
    message(FATAL_ERROR "iu toolchain: needs LLVM 16, ${IU_LLVM_CONFIG16} is ${_iu_llvm_version}")
  endif()
  execute_process(COMMAND ${IU_LLVM_CONFIG16} --includedir
                  OUTPUT_VARIABLE IU_LLVM_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${IU_LLVM_CONFIG16} --libdir
                  OUTPUT_VARIABLE IU_LLVM_LIBDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${IU_LLVM_CONFIG16} --cxxflags
                  OUTPUT_VARIABLE _iu_cxxflags OUTPUT_STRIP_TRAILING_WHITESPACE)
  separate_arguments(_iu_cxxflags UNIX_COMMAND "${_iu_cxxflags}")
  set(IU_LLVM_FLAGS "")
  foreach(f IN LISTS _iu_cxxflags)
    if(NOT f MATCHES "^-std=" AND NOT f MATCHES "^-I")
      list(APPEND IU_LLVM_FLAGS ${f})
    endif()
  endforeach()
endif()
get_filename_component(IU_PLUGIN_DIR "${IU_BIN_DIR}/../lib" ABSOLUTE)
