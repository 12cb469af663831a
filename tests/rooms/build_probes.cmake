# cmake -DBUILD_DIR=<build tree> -P build_probes.cmake: builds the two room probes and fails
# unless the declared one builds and the undeclared one fails for the missing header.
function(build_probe target result_var output_var)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${target}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  set(${result_var} ${result} PARENT_SCOPE)
  set(${output_var} "${output}" PARENT_SCOPE)
endfunction()

build_probe(room_probe_declared result output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "An include with a link dependency did not build:\n${output}")
endif()

build_probe(room_probe_undeclared result output)
if(result EQUAL 0)
  message(FATAL_ERROR "A server/storage header built in a target that does not link cxhub_storage")
endif()
if(NOT output MATCHES "server/storage/sql_store.h: No such file")
  message(FATAL_ERROR "The undeclared probe failed, but not for the missing header:\n${output}")
endif()
message(STATUS "The rooms hold: the undeclared include was refused")
