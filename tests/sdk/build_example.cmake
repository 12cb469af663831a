# The ctest fixture of tests/sdk, run with cmake -P: does what a plugin author with no cxhub
# checkout does. Installs the connector_sdk component of the cxhub build CXHUB_BUILD_DIR into a
# fresh PREFIX, copies the example plugin's sources (EXAMPLE_SOURCE_DIR) out of the checkout into
# WORK_DIR/example, and configures and builds them there as a project of their own against the
# installed SDK, with the compiler CXX_COMPILER and the build type BUILD_TYPE of the cxhub build.
# The plugin ends up in WORK_DIR/example-build.
foreach(variable CXHUB_BUILD_DIR PREFIX EXAMPLE_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "build_example.cmake: -D${variable}=... is required")
  endif()
endforeach()

set(example_source ${WORK_DIR}/example)
set(example_build ${WORK_DIR}/example-build)
file(REMOVE_RECURSE ${PREFIX} ${example_source} ${example_build})
file(COPY ${EXAMPLE_SOURCE_DIR}/ DESTINATION ${example_source})

execute_process(
  COMMAND ${CMAKE_COMMAND} --install ${CXHUB_BUILD_DIR} --component connector_sdk
          --prefix ${PREFIX}
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${example_source} -B ${example_build} -G ${GENERATOR}
          -DCMAKE_PREFIX_PATH=${PREFIX}
          -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
          -DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_COMPILER_LAUNCHER}
          -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
          -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
          -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${example_build} COMMAND_ERROR_IS_FATAL ANY)
