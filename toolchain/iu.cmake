# iu_add_extension(<target> OUTPUT <file.iu> SOURCES <src.cpp> [INCLUDES <dir>...])
# (one translation unit per extension: share code through headers)
#
# Builds a signed extension with iu-cc: compiled with clang-16 under the
# safe-subset checker, linked with the iu linker script, stack-checked and
# validated by iu-finalize, signed with IU_SIGNING_KEY.
#
# Two ways in, the same function:
#  - the iu source tree includes this file (samples/): iu-cc is toolchain/iu-cc
#    and the checker, the pass and iu-finalize are targets of this build;
#  - an installed iu: find_package(iu) (iuConfig.cmake) sets IU_CC and
#    IU_TOOLCHAIN_DIR (PREFIX/lib/iu) and includes this file; iu-cc finds its
#    parts itself, and the key comes from IU_SIGNING_KEY (cache variable,
#    default: the environment's), as there is no certs/ to default to.
if(IU_TOOLCHAIN_DIR)
  set(IU_SIGNING_KEY "$ENV{IU_SIGNING_KEY}" CACHE FILEPATH
      "PEM with the extension signing key and certificate (the certificate iu.ko embeds)")
  file(GLOB_RECURSE IU_RT_HEADERS ${IU_TOOLCHAIN_DIR}/include/*.hpp)
  set(IU_TOOLCHAIN_FILES ${IU_CC} ${IU_TOOLCHAIN_DIR}/iu-finalize ${IU_TOOLCHAIN_DIR}/libiu_safe.so
      ${IU_TOOLCHAIN_DIR}/libiu_guard.so ${IU_TOOLCHAIN_DIR}/iu.lds ${IU_TOOLCHAIN_DIR}/iu.ver
      ${IU_TOOLCHAIN_DIR}/uapi/linux/iu.h ${IU_TOOLCHAIN_DIR}/iu-policy.sha256)
  set(_iu_cc_env "")
else()
  set(IU_CC ${CMAKE_CURRENT_LIST_DIR}/iu-cc)
  file(GLOB_RECURSE IU_RT_HEADERS ${CMAKE_SOURCE_DIR}/iu_rt/include/*.hpp)
  set(IU_TOOLCHAIN_FILES ${IU_CC} ${CMAKE_CURRENT_LIST_DIR}/iu.lds ${CMAKE_CURRENT_LIST_DIR}/iu.ver
      ${CMAKE_SOURCE_DIR}/include/uapi/linux/iu.h iu-finalize iu_safe iu_guard iu-policy ${IU_POLICY_FILE})
  get_filename_component(_iu_root ${IU_BIN_DIR} DIRECTORY)
  set(_iu_cc_env IU_BUILD=${_iu_root})
endif()

function(iu_add_extension target)
  cmake_parse_arguments(A "" "OUTPUT" "SOURCES;INCLUDES" ${ARGN})
  if(NOT A_OUTPUT OR NOT A_SOURCES)
    message(FATAL_ERROR "iu_add_extension(${target}): OUTPUT and SOURCES are required")
  endif()
  list(LENGTH A_SOURCES nsrc)
  if(NOT nsrc EQUAL 1)
    message(FATAL_ERROR "iu_add_extension(${target}): one source per extension (one translation "
      "unit, so that every definition is seen once); share code through headers")
  endif()
  if(NOT IU_SIGNING_KEY)
    message(FATAL_ERROR "iu_add_extension(${target}): no signing key: set IU_SIGNING_KEY "
      "(-DIU_SIGNING_KEY=/path/key.pem or the environment) to the PEM holding the private "
      "key and the certificate that your iu.ko embeds")
  endif()
  set(srcs "")
  foreach(s IN LISTS A_SOURCES)
    get_filename_component(abs ${s} ABSOLUTE)
    list(APPEND srcs ${abs})
  endforeach()
  set(incs "")
  foreach(i IN LISTS A_INCLUDES)
    get_filename_component(abs ${i} ABSOLUTE)
    list(APPEND incs -I ${abs})
  endforeach()
  get_filename_component(out ${A_OUTPUT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E env ${_iu_cc_env} IU_SIGNING_KEY=${IU_SIGNING_KEY}
            ${IU_CC} -o ${out} ${incs} ${srcs}
    DEPENDS ${srcs} ${IU_RT_HEADERS} ${IU_TOOLCHAIN_FILES} ${IU_SIGNING_KEY}
    COMMENT "IU ${A_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${out})
endfunction()
