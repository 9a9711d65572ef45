# iu_add_extension(<target> OUTPUT <file.iu> SOURCES <src.cpp>... [INCLUDES <dir>...])
#
# Builds a signed extension with toolchain/iu-cc: compiled with clang-16 under
# the safe-subset checker, linked with the iu linker script, stack-checked and
# validated by iu-finalize, signed with IU_SIGNING_KEY.
set(IU_CC ${CMAKE_CURRENT_LIST_DIR}/iu-cc)
file(GLOB_RECURSE IU_RT_HEADERS ${CMAKE_SOURCE_DIR}/iu_rt/include/*.hpp)
set(IU_TOOLCHAIN_FILES ${IU_CC} ${CMAKE_CURRENT_LIST_DIR}/iu.lds ${CMAKE_CURRENT_LIST_DIR}/iu.ver
    ${CMAKE_SOURCE_DIR}/include/uapi/linux/iu.h)

function(iu_add_extension target)
  cmake_parse_arguments(A "" "OUTPUT" "SOURCES;INCLUDES" ${ARGN})
  set(srcs "")
  foreach(s IN LISTS A_SOURCES)
    get_filename_component(abs ${s} ABSOLUTE)
    list(APPEND srcs ${abs})
  endforeach()
  set(incs "")
  foreach(i IN LISTS A_INCLUDES)
    list(APPEND incs -I ${i})
  endforeach()
  get_filename_component(root ${IU_BIN_DIR} DIRECTORY)
  add_custom_command(OUTPUT ${A_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -E env IU_BUILD=${root} IU_SIGNING_KEY=${IU_SIGNING_KEY}
            IU_SAFE_PLUGIN=$<TARGET_FILE:iu_safe> IU_GUARD_PLUGIN=$<TARGET_FILE:iu_guard>
            IU_FINALIZE=$<TARGET_FILE:iu-finalize>
            ${IU_CC} -o ${A_OUTPUT} ${incs} ${srcs}
    DEPENDS ${srcs} iu-finalize iu_safe iu_guard ${IU_RT_HEADERS} ${IU_TOOLCHAIN_FILES} ${IU_SIGNING_KEY}
    COMMENT "IU ${A_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${A_OUTPUT})
endfunction()
