# cmake -DOUT=FILE -DIU_CC=toolchain/iu-cc -DPARTS="a;b;..." -DHEADERS_DIR=iu_rt/include -P policy.cmake
#
# The policy hash of the toolchain (docs/abi.md 1.10), the one place it is
# computed: SHA-256 over the list of "<sha256>  <name>" lines of what defines
# the safe subset (the safe-subset checker plugin, the iu-guard pass,
# iu-finalize, every iu_rt header by its path under HEADERS_DIR) followed by
# the compile flags (`iu-cc --print-flags=codegen`, one per line). Written,
# as 64 hex digits and a newline, to OUT; iu-cc hands it to iu-finalize,
# which puts it in every file's signed toolchain note.
set(lines "")
foreach(p IN LISTS PARTS)
  file(SHA256 ${p} h)
  get_filename_component(n ${p} NAME)
  string(APPEND lines "${h}  ${n}\n")
endforeach()
file(GLOB_RECURSE headers RELATIVE ${HEADERS_DIR} ${HEADERS_DIR}/*)
list(SORT headers)
foreach(f IN LISTS headers)
  file(SHA256 ${HEADERS_DIR}/${f} h)
  string(APPEND lines "${h}  include/${f}\n")
endforeach()
execute_process(COMMAND ${IU_CC} --print-flags=codegen OUTPUT_VARIABLE flags
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "iu-cc --print-flags=codegen failed")
endif()
string(APPEND lines "flags\n${flags}")
string(SHA256 policy "${lines}")
file(WRITE ${OUT}.tmp "${policy}\n")
file(WRITE ${OUT}.txt "${lines}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
