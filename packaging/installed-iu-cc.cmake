# cmake -DIN=toolchain/iu-cc -DOUT=FILE -DLIBDIR=REL -P installed-iu-cc.cmake
# writes the installed iu-cc: IN with its empty `iu_libdir=` line set to REL
# (the path from the installed iu-cc's directory to its parts).
file(READ "${IN}" text)
string(REPLACE "\niu_libdir=\n" "\niu_libdir=${LIBDIR}\n" out "${text}")
if(out STREQUAL text)
  message(FATAL_ERROR "${IN} has no empty 'iu_libdir=' line to set")
endif()
file(WRITE "${OUT}" "${out}")
