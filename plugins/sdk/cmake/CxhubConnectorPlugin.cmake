# cxhub_add_connector_plugin(<name> [SHIPPED] [NODELETE] SOURCES <file>...
#                            [COMPILE_DEFINITIONS <def>...] [LINK_LIBRARIES <lib>...])
#
# Builds one connector plugin the way cxhubd expects to load it: a MODULE library named
# <name>.so (no "lib" prefix), compiled with hidden visibility and linked with a version script
# (connector_exports.map, next to this file) so that it exports only cxhub_connector_v1_entry.
# It links Cxhub::connector_sdk and Cxhub::messages, the one shared library of generated protobuf
# code that cxhubd links too: a plugin must never compile a .pb.cc of its own, because protobuf
# allows a message's generated code only once per process.
#
# The one definition for plugins built inside the cxhub tree (plugins/CMakeLists.txt includes it)
# and outside it (find_package(CxhubConnectorSdk) includes the installed copy).
#
#   SHIPPED   inside the cxhub tree only: one of the plugins cxhub ships, built into
#             CXHUB_PLUGIN_OUTPUT_DIR, the one folder a server config names in plugin_dirs.
#   NODELETE  the plugin (and every library it needs) stays mapped after the host closes it: for
#             plugins built on a library that cannot be unloaded and loaded again in one process
#             (GObject types outlive dlclose), so that a second load does not crash.
include_guard(GLOBAL)

set(CXHUB_CONNECTOR_VERSION_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/connector_exports.map"
    CACHE INTERNAL "Linker version script exporting only the connector entry symbol")

function(cxhub_add_connector_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "SHIPPED;NODELETE" ""
    "SOURCES;COMPILE_DEFINITIONS;LINK_LIBRARIES")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "cxhub_add_connector_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${arg_SOURCES})
  if(COMMAND cxhub_target)
    cxhub_target(${name})  # Inside the cxhub tree: its warnings and include rules.
  endif()
  target_link_libraries(${name} PRIVATE Cxhub::connector_sdk Cxhub::messages ${arg_LINK_LIBRARIES})
  if(arg_COMPILE_DEFINITIONS)
    target_compile_definitions(${name} PRIVATE ${arg_COMPILE_DEFINITIONS})
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS ${CXHUB_CONNECTOR_VERSION_SCRIPT})
  target_link_options(${name} PRIVATE "LINKER:--version-script=${CXHUB_CONNECTOR_VERSION_SCRIPT}")
  if(arg_SHIPPED)
    if(NOT DEFINED CXHUB_PLUGIN_OUTPUT_DIR)
      message(FATAL_ERROR "cxhub_add_connector_plugin(${name}): SHIPPED is for the plugins "
        "built inside the cxhub tree")
    endif()
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CXHUB_PLUGIN_OUTPUT_DIR})
  endif()
  # cxhubd refuses a plugin that its group or others can write, or that sits in such a folder:
  # whatever the umask, the built file and its folder are not.
  add_custom_command(TARGET ${name} POST_BUILD
    COMMAND chmod go-w $<TARGET_FILE:${name}> $<TARGET_FILE_DIR:${name}> VERBATIM)
  if(arg_NODELETE)
    target_link_options(${name} PRIVATE "LINKER:-z,nodelete")
  endif()
  # Undefined symbols fail the link, not the dlopen in production. A sanitizer build leaves the
  # sanitizer runtime's symbols to the host, which carries the runtime.
  if(NOT CXHUB_SANITIZE AND NOT CxhubConnectorSdk_SANITIZE)
    target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  endif()
endfunction()
